(function () {
  const form = document.getElementById('setup-form');
  const result = document.getElementById('setup-result');
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const payload = {};
    for (const id of ['organisationCode', 'organisationName', 'displayName', 'email', 'password']) {
      payload[id] = document.getElementById(id).value;
    }
    payload.token = token;
    const r = await fetch('/api/v1/setup', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload)
    });
    const body = await r.json();
    result.textContent = r.ok ? 'Created. You can now sign in on the home page.' : (body.detail || 'Set-up failed');
  });
})();
