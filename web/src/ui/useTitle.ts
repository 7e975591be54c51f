import { useEffect } from "react";

/** Sets the document title to "<title> - Taiga" while the page is shown. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - Taiga` : "Taiga";
  }, [title]);
}
