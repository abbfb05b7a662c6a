/** One unsigned POST of a body to a hook, as the baseline and the floor make them: 2xx or not. */
export async function postBody(hook: string, body: string): Promise<boolean> {
  try {
    const response = await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body });
    await response.body?.cancel().catch(() => {});
    return response.ok;
  } catch {
    return false;
  }
}
