import { errorMessage } from "../api/client";

/** Says in words what went wrong; `onRetry` adds a button that tries again. */
export function ErrorMessage({
  error,
  prefix,
  onRetry,
}: {
  error: unknown;
  prefix?: string;
  onRetry?: () => void;
}) {
  if (error === null || error === undefined) return null;
  return (
    <div className="error" role="alert">
      <span>
        {prefix ? `${prefix}: ` : ""}
        {errorMessage(error)}
      </span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
