// Password change and recovery re-wrap only the root key (docs/accounts.md):
// a real file uploaded before both must still be listed under its decrypted
// name and download byte-identical afterwards.
import { expect, test } from './fixtures/test';
import { confirmRecoveryKey, expectUnlocked, signIn, signOut, signUp, uniqueEmail } from './account-helpers';
import { expectListed, installSaveSwitch, randomFile, rowAction, savedByStub, sha256, uploadViaPicker } from './vault-helpers';

test('a file uploaded before a password change and a recovery stays readable', async ({ page }) => {
  test.setTimeout(180_000);
  await installSaveSwitch(page);
  const email = uniqueEmail('acct-files');
  const [p1, p2, p3] = ['first-Passw0rd-1', 'second-Passw0rd-2', 'third-Passw0rd-3'];
  const { recoveryKey } = await signUp(page, email, p1);
  await confirmRecoveryKey(page, recoveryKey);
  await expectUnlocked(page, email);
  const file = randomFile('kept across password changes.bin', 300 * 1024 + 7);
  await uploadViaPicker(page, [file]);
  await expectListed(page, [file.name]);

  // Password change (p1 → p2).
  await page.goto('/settings');
  const changeForm = page.getByRole('form', { name: 'Change password' });
  await changeForm.getByLabel('Current password').fill(p1);
  await changeForm.getByLabel('New password', { exact: true }).fill(p2);
  await changeForm.getByLabel('Confirm new password').fill(p2);
  await changeForm.getByRole('button', { name: 'Change password' }).click();
  await expect(changeForm.getByText('Password changed.')).toBeVisible({ timeout: 60_000 });
  await signOut(page);

  // Recovery with the recovery key (→ p3).
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Recovery key', { exact: true }).fill(recoveryKey);
  await page.getByLabel('New password', { exact: true }).fill(p3);
  await page.getByLabel('Confirm new password').fill(p3);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expectUnlocked(page, email);
  await signOut(page);
  await signIn(page, email, p3);
  await expectUnlocked(page, email);

  // The file is still there, its name decrypts, and its bytes are intact.
  await page.goto('/vault?e2e-save=fs');
  await expectListed(page, [file.name]);
  await rowAction(page, file.name, 'Download');
  await expect(page.getByText(`${file.name} was decrypted and saved.`)).toBeVisible();
  expect(await savedByStub(page)).toEqual({ name: file.name, size: file.buffer.length, sha256: sha256(file.buffer), closed: true, aborted: false });
});
