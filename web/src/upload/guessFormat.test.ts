import { describe, expect, test } from "vitest";
import { defaultName, guessFromText, splitLine } from "./guessFormat";

describe("guessFromText", () => {
  test.each([
    ["t.csv", "name,age,city\nann,3,Paris\nbob,NA,\"Rome, IT\"\n", "TableCSV"],
    ["t.tsv", "name\tage\nann\t3\nbob\t4\n", "TableTSV"],
    ["m.csv", ",a,b\nr1,1.5,2\nr2,NA,-3e4\n", "NumericMatrixCSV"],
    ["m.csv", "a,b\nr1,1.5,2\nr2,,3\n", "NumericMatrixCSV"],
    ["m.tsv", "\tc1\tc2\ng1\t0.1\t0.2\ng2\tnan\t1\n", "NumericMatrixTSV"],
    ["x.gct", "#1.2\n2\t2\nName\tDescription\ta\tb\n", "GCT"],
    ["x.txt", "#1.2\n2\t2\n", "GCT"],
    ["named.csv", "gene,s1,s2\ng1,1,2\ng2,3,4\n", "TableCSV"],
    ["notes.txt", "Just some prose.\nAnother line without commas\n", "Raw"],
    ["one.csv", "a,b,c\n", "Raw"],
    ["ragged.csv", "a,b\n1,2,3\n4\n", "Raw"],
    ["data.parquet", "PAR1....", "Raw"],
    ["bin.dat", "ab\u0000cd\nef,gh\n", "Raw"],
  ])("%s → %s", (name, text, format) => {
    expect(guessFromText(name, text, true).format).toBe(format);
  });

  test("an incomplete head ignores its last, cut line", () => {
    expect(guessFromText("t.csv", ",b,c\n1,2,3\n3,4,5\n5,", false).format).toBe("NumericMatrixCSV");
  });

  test("gives its reason", () => {
    expect(guessFromText("m.csv", ",a\nr,1\n", true).reason).toMatch(/matrix/);
  });
});

test("splitLine honours quotes", () => {
  expect(splitLine('a,"b,c","d ""e"""', ",")).toEqual(["a", "b,c", 'd "e"']);
});

test("default names drop the extension of tables and matrices only", () => {
  expect(defaultName("counts.csv", "TableCSV")).toBe("counts");
  expect(defaultName("report.pdf", "Raw")).toBe("report.pdf");
  expect(defaultName("noext", "TableTSV")).toBe("noext");
});
