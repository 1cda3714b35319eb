/**
 * NHS numbers (NHS Data Dictionary, "NHS Number"): ten digits, the last a modulus-11 check digit.
 * The form checks one here so a typo is caught before the request is sent; the server checks it
 * again (clinical.NhsNumber), so this is a convenience, not the rule.
 */

/** The ten digits of what was typed (spaces and dashes dropped), or null if it is not ten digits. */
export function nhsDigits(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/**
 * Whether `typed` is a valid NHS number: weights 10 down to 2 over the first nine digits,
 * 11 − (sum mod 11) is the check digit, 11 counts as 0 and 10 means no number can end there.
 */
export function isValidNhsNumber(typed: string): boolean {
  const digits = nhsDigits(typed);
  if (!digits) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** The problem with what was typed, in words, or null when it is a valid NHS number. */
export function nhsNumberProblem(typed: string): string | null {
  if (!typed.trim()) return 'Enter the patient’s NHS number.';
  if (!nhsDigits(typed)) return 'An NHS number has 10 digits.';
  return isValidNhsNumber(typed) ? null : 'This is not a valid NHS number: check the digits.';
}

/** "943 476 5919": the 3-3-4 grouping people read NHS numbers in; anything else unchanged. */
export function formatNhsNumber(value: string | null | undefined): string {
  if (!value) return '';
  const digits = nhsDigits(value);
  return digits ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : value;
}
