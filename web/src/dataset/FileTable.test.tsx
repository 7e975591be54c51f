import { screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import type { DataFile } from "../api/types";
import { renderPage } from "../test/render";
import { formatFileSize } from "../ui/format";
import { FileTable } from "./FileTable";

function file(name: string, original_file_size: number | null | undefined, extra: Partial<DataFile> = {}): DataFile {
  return {
    datafile_type: "s3", id: `id-${name}`, name, custom_metadata: null, figshare_linked: false,
    allowed_conversion_type: ["raw"], type: "Raw", short_summary: "14 Bytes", original_file_size, ...extra,
  };
}

function sizeOf(name: string): HTMLElement {
  const row = screen.getByRole("rowheader", { name: new RegExp(`^${name}`) }).closest("tr")!;
  const column = screen.getAllByRole("columnheader").findIndex((th) => th.textContent === "Size");
  return within(row).getAllByRole("cell")[column - 1]!;  // the name is a rowheader, not a cell
}

test("the Size column shows each file's uploaded size in decimal units, the exact bytes on hover, and — when unknown", () => {
  renderPage(
    <FileTable
      files={[
        file("big.csv", 1_234_567, { type: "Columnar", short_summary: "3x2 table" }),
        file("notes.txt", 14),
        file("alias", 1_234_567, { datafile_type: "virtual", underlying_file_id: "other-9f9f.1/big.csv" }),
        file("old", null),
        file("legacy", undefined),
      ]}
      permaname="gene-effect-1a2b"
      version="2"
      versionId="v2"
    />,
  );
  expect(screen.getByRole("columnheader", { name: "Size" })).toBeInTheDocument();
  expect(sizeOf("big.csv")).toHaveTextContent("1.2 MB");
  expect(sizeOf("big.csv")).toHaveAttribute("title", "1,234,567 bytes");
  expect(sizeOf("notes.txt")).toHaveTextContent("14 Bytes");
  expect(sizeOf("alias")).toHaveTextContent("1.2 MB");
  expect(sizeOf("old")).toHaveTextContent("—");
  expect(sizeOf("old")).toHaveAttribute("title", "Size unknown");
  expect(sizeOf("legacy")).toHaveTextContent("—");
});

test("sizes are written as the server's summaries write them", () => {
  expect(formatFileSize(0)).toBe("0 Bytes");
  expect(formatFileSize(1)).toBe("1 Byte");
  expect(formatFileSize(999)).toBe("999 Bytes");
  expect(formatFileSize(1234)).toBe("1.2 kB");
  expect(formatFileSize(12_345_678)).toBe("12.3 MB");
  expect(formatFileSize(999_999)).toBe("1.0 MB");
  expect(formatFileSize(5_000_000_000)).toBe("5.0 GB");
});
