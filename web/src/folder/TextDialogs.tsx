import { useState, type FormEvent } from "react";
import { Dialog } from "../ui/Dialog";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Markdown } from "../ui/Markdown";

/** The buttons of both dialogs: Cancel, and the submit button ("Saving…" while busy). */
function SaveOrCancel({ busy, label, onClose }: { busy?: boolean; label: string; onClose: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Saving…" : label}
      </button>
    </div>
  );
}

/** Asks for a name (and optionally a description); Save calls onSave, which may fail. */
export function NameDialog({
  title,
  initialName = "",
  withDescription,
  saveLabel = "Save",
  busy,
  error,
  onSave,
  onClose,
}: {
  title: string;
  initialName?: string;
  withDescription?: boolean;
  saveLabel?: string;
  busy?: boolean;
  error?: unknown;
  onSave: (name: string, description: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [description, setDescription] = useState("");
  const [touched, setTouched] = useState(false);
  const problem = name.trim() === "" ? "A name is needed." : name.includes("/") ? "A name cannot contain “/”." : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!problem) onSave(name.trim(), description);
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="name-input">Name</label>
          <input
            id="name-input"
            data-autofocus
            value={name}
            aria-invalid={touched && problem !== null}
            aria-describedby={touched && problem ? "name-problem" : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {touched && problem && (
            <span id="name-problem" className="status-line failed">
              {problem}
            </span>
          )}
        </div>
        {withDescription && (
          <div className="field">
            <label htmlFor="name-description">Description (Markdown, optional)</label>
            <textarea id="name-description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
        )}
        <ErrorMessage error={error} />
        <SaveOrCancel busy={busy} label={saveLabel} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Edits a Markdown text, with a preview of how it will look. */
export function MarkdownDialog({
  title,
  label = "Description (Markdown)",
  initial,
  busy,
  error,
  onSave,
  onClose,
}: {
  title: string;
  label?: string;
  initial: string;
  busy?: boolean;
  error?: unknown;
  onSave: (text: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState(initial);
  const [preview, setPreview] = useState(false);
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSave(text);
        }}
      >
        <div className="row">
          <label htmlFor="markdown-text">{label}</label>
          <span className="spacer" />
          <button type="button" className="small" aria-pressed={preview} onClick={() => setPreview(!preview)}>
            {preview ? "Edit" : "Preview"}
          </button>
        </div>
        {preview ? (
          <div className="markdown-preview">{text ? <Markdown source={text} /> : <p className="muted">Nothing yet.</p>}</div>
        ) : (
          <textarea id="markdown-text" data-autofocus rows={14} value={text} onChange={(e) => setText(e.target.value)} />
        )}
        <p className="hint">Markdown: **bold**, _italic_, [links](https://…), lists, `code`, tables.</p>
        <ErrorMessage error={error} />
        <SaveOrCancel busy={busy} label="Save" onClose={onClose} />
      </form>
    </Dialog>
  );
}
