import { useLocation, useSearch } from 'wouter';
import { operatorToken } from '../auth';
import { checkOperatorToken, LoginForm } from '../OperatorSignIn';

/** Checks the token against the server, keeps it for this tab, and goes back where the operator was headed. */
export function LoginPage() {
  const [, navigate] = useLocation();
  const search = useSearch();
  const next = new URLSearchParams(search).get('next');
  return (
    <LoginForm
      onSubmit={async (token) => {
        await checkOperatorToken(token);
        operatorToken.set(token);
        // Only a path inside the console, never another site.
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
      }}
    />
  );
}
