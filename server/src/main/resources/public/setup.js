// First-start set-up (docs/operations.md): plain JavaScript, so it works in a server built without the web client.
(function () {
  const form = document.getElementById('setup-form');
  const error = document.getElementById('setup-error');
  const done = document.getElementById('setup-done');
  const button = document.getElementById('setup-submit');
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  const fields = ['organisationCode', 'organisationName', 'displayName', 'jobTitle', 'email', 'password'];
  if (!token) {
    document.getElementById('setup-no-token').hidden = false;
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    fields.forEach((id) => document.getElementById(id).removeAttribute('aria-invalid'));
    const payload = { token: token };
    for (const id of fields) {
      const value = document.getElementById(id).value;
      if (id !== 'jobTitle' || value.trim()) payload[id] = id === 'password' ? value : value.trim();
    }
    button.disabled = true;
    try {
      const r = await fetch('/api/v1/setup', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload)
      });
      if (r.ok) {
        form.hidden = true;
        done.textContent = '';
        done.append('Done: the platform admin is created. ');
        const link = document.createElement('a');
        link.href = '/';
        link.textContent = 'Sign in to Confer';
        done.append(link);
        return;
      }
      const body = await r.json().catch(() => ({}));
      error.textContent = body.detail || 'Set-up failed (' + r.status + ')';
      if (body.field && fields.includes(body.field)) {
        const input = document.getElementById(body.field);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    } catch (err) {
      error.textContent = 'Cannot reach Confer. Check the server is running and try again.';
    } finally {
      button.disabled = false;
    }
  });
})();
