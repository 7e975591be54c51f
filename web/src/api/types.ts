// Short names for the API's schemas, generated from doc/openapi.yaml into schema.d.ts
// (`npm run gen:api`; src/api/schema.test.ts fails when that file is stale).
import type { components } from "./schema";

type Schemas = components["schemas"];

export type NamedId = Schemas["NamedId"];
export type User = Schemas["User"];
export type Token = Schemas["Token"];
export type IssuedToken = Schemas["IssuedToken"];
export type FolderEntry = Schemas["FolderEntry"];
export type Folder = Schemas["Folder"];
export type GroupSummary = Schemas["GroupSummary"];
export type Group = Schemas["Group"];
export type TaskStatus = Schemas["TaskStatus"];
export type VersionState = Schemas["VersionState"];
export type DatasetVersionSummary = Schemas["DatasetVersionSummary"];
export type Dataset = Schemas["Dataset"];
export type DatasetFull = Schemas["DatasetFull"];
export type DatasetVersion = Schemas["DatasetVersion"];
export type DataFile = Schemas["DataFile"];
export type Activity = Schemas["Activity"];
export type DatafileMetadata = Schemas["DatafileMetadata"];
export type UploadCredentials = Schemas["UploadCredentials"];
export type FileRegistration = Schemas["FileRegistration"];
export type Preview = Schemas["Preview"];
export type Grant = Schemas["Grant"];
export type PreviewTable = Schemas["PreviewTable"];

/** The formats a file may be uploaded as (`s3Upload.format`). */
export type UploadFormat = NonNullable<FileRegistration["s3Upload"]>["format"];

export const kUploadFormats: readonly UploadFormat[] = [
  "Raw",
  "TableCSV",
  "TableTSV",
  "NumericMatrixCSV",
  "NumericMatrixTSV",
  "GCT",
];
