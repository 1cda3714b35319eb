// Minimal sign-in for the placeholder page: the session is the HttpOnly cookie the server sets;
// the CSRF token comes back in the login response and is sent on every change.
(function () {
  const form = document.getElementById('signin-form');
  const error = document.getElementById('signin-error');
  const account = document.getElementById('account');
  const signin = document.getElementById('signin');
  const details = document.getElementById('account-details');

  function csrf() {
    const m = document.cookie.match(/(?:^|; )confer_csrf=([^;]+)/);
    return m ? m[1] : '';
  }

  function show(me) {
    details.replaceChildren();
    const rows = [['Name', me.displayName], ['Email', me.email], ['Job title', me.jobTitle || ''],
      ['Organisation', me.organisation ? me.organisation.name : ''], ['Role', me.role]];
    for (const [k, v] of rows) {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = v;
      details.append(dt, dd);
    }
    signin.hidden = true; account.hidden = false;
  }

  fetch('/api/v1/me').then(r => r.ok ? r.json() : null).then(me => { if (me) show(me); });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const r = await fetch('/api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.email.value, password: form.password.value })
    });
    const body = await r.json();
    if (r.ok) { show(body.user); } else { error.textContent = body.detail || 'Sign-in failed'; }
  });

  document.getElementById('signout').addEventListener('click', async () => {
    await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf() } });
    account.hidden = true; signin.hidden = false;
  });
})();
