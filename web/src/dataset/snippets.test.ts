import { expect, test } from "vitest";
import type { DataFile } from "../api/types";
import { pythonName, rName, taigaId } from "./datasetApi";
import { pythonSnippet, rSnippet } from "./Snippets";

const file = (name: string, type: DataFile["type"]): DataFile => ({
  datafile_type: "s3", id: name, name, custom_metadata: null, figshare_linked: false,
  allowed_conversion_type: type === "Raw" ? ["raw"] : ["csv"], type,
});

test("names for code are valid identifiers", () => {
  expect(pythonName("gene effect (v2).csv")).toBe("gene_effect__v2__csv");
  expect(pythonName("2024-data")).toBe("_2024_data");
  expect(rName("gene effect")).toBe("gene.effect");
  expect(rName("2024")).toBe("X2024");
  expect(taigaId("p-1a2b", 3, "f")).toBe("p-1a2b.3/f");
});

test("tables and matrices are loaded, raw files downloaded to the cache", () => {
  const files = [file("counts", "HDF5"), file("notes.txt", "Raw")];
  expect(pythonSnippet("p-1a2b", "3", files)).toBe(
    'from taigapy import create_taiga_client_v3\n\ntc = create_taiga_client_v3()\ncounts = tc.get("p-1a2b.3/counts")\nnotes_txt_path = tc.download_to_cache("p-1a2b.3/notes.txt")',
  );
  expect(rSnippet("p-1a2b", "3", files).split("\n")).toEqual([
    "library(taigr)",
    'counts <- load.from.taiga(data.name = "p-1a2b", data.version = 3, data.file = "counts")',
    'notes.txt <- download.raw.from.taiga(data.name = "p-1a2b", data.version = 3, data.file = "notes.txt")',
  ]);
});
