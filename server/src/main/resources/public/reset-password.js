// Setting a password from an admin's one-time link (docs/administration.md, "Password links").
// The token is in the fragment, which never reaches a server log; it is sent only in the JSON body.
(function () {
  const form = document.getElementById('reset-form');
  const error = document.getElementById('reset-error');
  const done = document.getElementById('reset-done');
  const button = document.getElementById('reset-submit');
  const password = document.getElementById('newPassword');
  const confirm = document.getElementById('confirmPassword');
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  if (!token) {
    document.getElementById('reset-no-token').hidden = false;
    form.hidden = true;
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    password.removeAttribute('aria-invalid');
    confirm.removeAttribute('aria-invalid');
    if (password.value !== confirm.value) {
      error.textContent = 'The two passwords are not the same.';
      confirm.setAttribute('aria-invalid', 'true');
      confirm.focus();
      return;
    }
    button.disabled = true;
    try {
      const r = await fetch('/api/v1/password-reset', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: token, newPassword: password.value })
      });
      if (r.status === 204) {
        form.hidden = true;
        done.textContent = '';
        done.append('Your password is set. ');
        const link = document.createElement('a');
        link.href = '/';
        link.textContent = 'Sign in to Confer';
        done.append(link);
        return;
      }
      const body = await r.json().catch(() => ({}));
      error.textContent = body.detail || 'The password could not be set (' + r.status + ')';
      if (r.status === 422) {
        password.setAttribute('aria-invalid', 'true');
        password.focus();
      } else if (r.status === 410) {
        form.hidden = true;
        document.getElementById('reset-title').after(error);
      }
    } catch (err) {
      error.textContent = 'Cannot reach Confer. Check your connection and try again.';
    } finally {
      button.disabled = false;
    }
  });
})();
