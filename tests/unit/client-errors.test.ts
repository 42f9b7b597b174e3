// The browser's error model (lib/client/errors.ts): every API code has a
// message, a message written for the user is never replaced, anything else
// gets the generic one, and errors are told apart by class, not by name.
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, callApi } from '@/lib/client/api-call';
import { API_ERROR_MESSAGES, genericErrorMessage, userErrorMessage } from '@/lib/client/errors';
import { fileErrorMessage } from '@/lib/client/files/messages';
import { ResumeMismatchError, UploadInterruptedError } from '@/lib/client/files/upload/upload-errors';
import { UploadQueue } from '@/lib/client/files/upload/upload-queue';
import { linkErrorMessage } from '@/lib/client/links/messages';
import { sharingErrorMessage, SharingError } from '@/lib/client/sharing/messages';
import { errorMessage } from '@/components/account/error-message';
import { IntegrityError } from '@/lib/crypto/errors';
import { SourceChangedError } from '@/lib/crypto/file-part';
import { DownloadHttpError } from '@/lib/crypto/worker-decrypt';
import { workerErrorFromWire, workerErrorToWire } from '@/lib/crypto/worker-protocol';
import { ERROR_CODES, ERROR_STATUS } from '@/lib/shared/errors';
import { UserFacingError } from '@/lib/shared/user-facing-error';
import { z } from 'zod';

afterEach(() => vi.unstubAllGlobals());

const generic = genericErrorMessage('rename the file');

describe('API error codes', () => {
  it.each(ERROR_CODES)('%s has its own message, with no internals in it', (code) => {
    const error = new ApiError(ERROR_STATUS[code], code, 'a folder cannot move into itself');
    const message = userErrorMessage(error, 'rename the file');
    expect(message).toMatch(/^[A-Z].*\.$/);
    expect(message).not.toContain(code);
    expect(message).not.toContain('undefined');
    if (code !== 'internal') expect(message).not.toBe(generic);
    expect(API_ERROR_MESSAGES[code]).toBeTypeOf('function');
  });

  it('callApi throws an ApiError with the server’s code, and a code it does not know as internal', async () => {
    const answer = (body: unknown, status: number) => vi.stubGlobal('fetch', vi.fn(async () => Response.json(body, { status })));
    answer({ error: { code: 'quota_exceeded', message: 'quota exceeded' } }, 413);
    const known = await callApi('POST', '/api/files', z.unknown()).catch((e: unknown) => e);
    expect(known).toBeInstanceOf(ApiError);
    expect(known).toMatchObject({ code: 'quota_exceeded', status: 413 });
    answer({ error: { code: 'brand_new_code', message: 'something new' } }, 418);
    const unknown = await callApi('POST', '/api/files', z.unknown()).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'internal', status: 418 });
    expect(userErrorMessage(unknown, 'upload a.txt')).toBe(genericErrorMessage('upload a.txt'));
  });
});

describe('messages written for the user', () => {
  it.each([
    ['a resume of the wrong file', new ResumeMismatchError('This is not the file that was being uploaded; pick “a.bin” (5 bytes).')],
    ['an interrupted upload', new UploadInterruptedError('the device stayed offline')],
    ['a source that changed', new SourceChangedError()],
    ['a sharing refusal', new SharingError('This file is already shared with ana@example.com.')],
    ['any subclass', new (class extends UserFacingError {})('Written for you.')],
  ])('%s keeps its message in every mapper', (_, error) => {
    for (const message of [userErrorMessage(error, 'x'), fileErrorMessage(error, 'x'), linkErrorMessage(error, 'x'), sharingErrorMessage(error, 'x'), errorMessage(error)]) {
      expect(message).toBe(error.message);
    }
  });

  it('a resume refused with a written reason shows that reason in the upload list, not "Something went wrong"', async () => {
    const queue = new UploadQueue();
    const reason = 'The folder this upload was going into is no longer there.';
    queue.add([new File(['x'], 'report.pdf')], async () => { throw new ResumeMismatchError(reason); });
    await vi.waitFor(() => expect(queue.snapshot()[0]?.status).toBe('failed'));
    expect(queue.snapshot()[0]?.error).toBe(reason);
  });

  it('an unknown error gets the generic message, whatever its message says', () => {
    const bug = new Error('Cannot read properties of undefined (reading "id")');
    expect(userErrorMessage(bug, 'rename the file')).toBe(generic);
    expect(fileErrorMessage('a string', 'rename the file')).toBe(generic);
    expect(errorMessage(bug)).toBe('Something went wrong. Please try again.');
  });

  it('an error is not trusted for its name: a plain Error called DamagedFileError or IntegrityError stays generic', () => {
    for (const name of ['DamagedFileError', 'SharingError', 'IntegrityError', 'ResumeMismatchError']) {
      const impostor = Object.assign(new Error('server internals: stack at db.ts:12'), { name });
      expect(fileErrorMessage(impostor, 'rename the file')).toBe(generic);
      expect(sharingErrorMessage(impostor, 'rename the file')).toBe(generic);
    }
  });

  it('a wrong link password is told by its code, not by the server’s words', () => {
    expect(linkErrorMessage(new ApiError(403, 'wrong_password', 'anything at all'), 'open the link')).toBe('Wrong password. Check it and try again.');
    expect(linkErrorMessage(new ApiError(403, 'forbidden', 'wrong password, or the link is incomplete'), 'open the link'))
      .toBe('This link is incomplete. Copy the whole address, including everything after #.');
  });
});

describe('errors across the worker boundary', () => {
  const cross = (error: unknown) => workerErrorFromWire(structuredClone(workerErrorToWire(error)));

  it('our classes come back as themselves, so instanceof works on the page', () => {
    expect(cross(new IntegrityError())).toBeInstanceOf(IntegrityError);
    const changed = cross(new SourceChangedError());
    expect(changed).toBeInstanceOf(SourceChangedError);
    expect(fileErrorMessage(changed, 'upload a.txt')).toBe('The file changed while it was being uploaded; nothing was saved. Try again.');
    const refused = cross(new DownloadHttpError('The download failed (HTTP 403); nothing was saved.'));
    expect(refused).toBeInstanceOf(DownloadHttpError);
    expect(fileErrorMessage(refused, 'download a.txt')).toBe('The download failed (HTTP 403); nothing was saved.');
    expect(cross(new TypeError('Failed to fetch'))).toBeInstanceOf(TypeError);
  });

  it('a user-facing error of a class the page does not rebuild still keeps its message', () => {
    const crossed = cross(new (class extends UserFacingError {})('Written for you.'));
    expect(crossed).toBeInstanceOf(UserFacingError);
    expect(fileErrorMessage(crossed, 'x')).toBe('Written for you.');
  });

  it('anything else comes back as a plain Error, whatever it is named', () => {
    const impostor = cross(Object.assign(new Error('internal detail'), { name: 'IntegrityError' }));
    expect(impostor).not.toBeInstanceOf(IntegrityError);
    expect(impostor).not.toBeInstanceOf(UserFacingError);
    expect(fileErrorMessage(impostor, 'download a.txt')).toBe(genericErrorMessage('download a.txt'));
  });
});

describe('lint guard', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const syntaxErrors = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').length;
  };

  it.each([
    ["export const f = (e: Error) => e.name === 'AbortError';", 'components/probe.tsx'],
    ["export const f = (error: Error) => error.message.includes('quota');", 'lib/client/probe.ts'],
    ["export const f = (error: Error) => /network/.test(error.message);", 'components/probe.tsx'],
    ["export const f = () => fetch('/api/files');", 'components/probe.tsx'],
    ["export const f = () => window.fetch('/api/files');", 'app/(vault)/probe.tsx'],
  ])('%s is refused in %s', async (code, file) => {
    expect(await syntaxErrors(code, file)).toBeGreaterThan(0);
  });

  it.each([
    ["export const f = (e: Error) => e.name === 'AbortError';", 'lib/client/browser-errors.ts'],
    ["export const f = () => fetch('/api/files');", 'lib/client/probe.ts'],
    ["export const f = () => fetch('/api/files');", 'app/api/probe/route.ts'],
  ])('%s is allowed in %s', async (code, file) => {
    expect(await syntaxErrors(code, file)).toBe(0);
  });
});
