/** Test clients' view of an HTTP answer: status, headers and the body parsed as JSON when it is JSON. */
export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

export interface ApiInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A JSON request: GET without a body, POST with one unless a method is given; strings are sent as-is. */
export function jsonRequest(url: string, init: ApiInit, token: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Request(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

export async function readResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: left as text
  }
  return { status: res.status, body, headers: res.headers };
}
