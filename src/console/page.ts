/** The console's HTML shell: landmarks and the sign-in form; app.js builds the rest. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>imrelay console</title>
<link rel="icon" href="/console/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/app.css">
<script src="/console/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="#/">imrelay <span>console</span></a>
  <nav aria-label="Session"><button type="button" id="signout" class="secondary" hidden>Sign out</button></nav>
</header>
<p id="notice" class="notice" role="status" aria-live="polite"></p>
<main id="main" tabindex="-1">
  <section id="signin" class="card narrow" aria-labelledby="signin-title">
    <h1 id="signin-title">Sign in</h1>
    <p>Enter the relay's API token (<code>RELAY_TOKEN</code>). It stays in this tab's session storage and is sent only to this relay.</p>
    <form id="signin-form">
      <label for="token">API token</label>
      <input id="token" name="token" type="password" autocomplete="off" required spellcheck="false">
      <button type="submit">Open the console</button>
      <p id="signin-error" class="error" role="alert"></p>
    </form>
  </section>
  <div id="view"></div>
</main>
<noscript><p class="card">The console needs JavaScript; every page of it is also an API call you can make with curl.</p></noscript>
</body>
</html>
`;
