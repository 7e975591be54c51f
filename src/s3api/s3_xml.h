// The XML of the S3 operations the embedded endpoint implements: escaping, the result documents
// it writes, and the one document it reads (the CompleteMultipartUpload part list), parsed by a
// small reader that accepts what SDKs send (declaration, namespace attributes, whitespace,
// comments, entities) and refuses anything malformed. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace taiga::s3api {

inline constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
inline constexpr std::string_view kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

// &, <, >, " and ' as entities.
std::string XmlEscape(std::string_view text);

struct CompletedPart {
  int number = 0;
  std::string etag;  // as sent, surrounding quotes removed
};

// The parts of a CompleteMultipartUpload body, in document order. Errors: InvalidArgument
// ("MalformedXML: …") when the XML is malformed, the root is not CompleteMultipartUpload,
// there is no part, or a part lacks a PartNumber (1..10000) or an ETag.
common::Result<std::vector<CompletedPart>> ParseCompleteMultipartUpload(std::string_view xml);

std::string InitiateMultipartUploadResultXml(std::string_view bucket, std::string_view key,
                                             std::string_view upload_id);
std::string CompleteMultipartUploadResultXml(std::string_view location, std::string_view bucket,
                                             std::string_view key, std::string_view etag);

}  // namespace taiga::s3api
