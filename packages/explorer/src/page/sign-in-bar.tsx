// The bar above GraphiQL: a username and password form while anonymous; who is signed in, and a sign-out
// button, afterwards.
import { useState, type FormEvent } from 'react';
import type { Session } from './session';

export interface SignInBarProps {
  session: Session | undefined;
  onSignIn(username: string, password: string): Promise<void>;
  onSignOut(): void;
}

export function SignInBar({ session, onSignIn, onSignOut }: SignInBarProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (session) {
    return (
      <header className="explorer-session">
        <span role="status">
          Signed in as <strong>{session.username}</strong> ({session.role.toLowerCase()}); every request carries your
          access token.
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(username, password);
      setPassword('');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="explorer-session" onSubmit={submit}>
      <span role="status">Anonymous.</span>
      <label>
        Username{' '}
        <input value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="username" />
      </label>
      <label>
        Password{' '}
        <input
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
        />
      </label>
      <button type="submit" disabled={busy || !username || !password}>
        Sign in
      </button>
      {error && <span role="alert">{error}</span>}
    </form>
  );
}
