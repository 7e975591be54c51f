import { expect, test } from "vitest";
import { regionFromEndpoint } from "./s3Upload";

test.each([
  ["https://s3.eu-west-1.amazonaws.com", "eu-west-1"],
  ["https://s3-us-west-2.amazonaws.com", "us-west-2"],
  ["https://s3.dualstack.ap-southeast-2.amazonaws.com", "ap-southeast-2"],
  ["https://s3.amazonaws.com", "us-east-1"],
  ["http://127.0.0.1:8080/taiga/s3", "us-east-1"],
  ["https://rgw.internal:7480", "us-east-1"],
  ["not a url", "us-east-1"],
])("%s signs for %s", (endpoint, region) => {
  expect(regionFromEndpoint(endpoint)).toBe(region);
});
