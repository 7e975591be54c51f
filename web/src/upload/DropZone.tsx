import { useId, useState } from "react";

/** Drop files here, or pick them with the file chooser (which the keyboard reaches). */
export function DropZone({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const [over, setOver] = useState(false);
  const id = useId();
  return (
    <div
      className={over ? "dropzone over" : "dropzone"}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (!disabled) onFiles(Array.from(event.dataTransfer.files));
      }}
      data-testid="dropzone"
    >
      <p>Drop files here, or</p>
      <label htmlFor={id} className="button">
        Choose files…
        <input
          id={id}
          type="file"
          multiple
          disabled={disabled}
          className="visually-hidden-input"
          aria-label="Choose files to upload"
          onChange={(event) => {
            onFiles(Array.from(event.target.files ?? []));
            event.target.value = "";
          }}
        />
      </label>
    </div>
  );
}
