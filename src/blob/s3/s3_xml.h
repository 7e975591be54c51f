// The little XML the S3 API needs, by plain text extraction (no XML library): S3 response bodies
// are flat, namespaced by a default xmlns only, and their elements never nest in themselves.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taiga::blob {

// The inner text of each <tag …>…</tag> in order (still escaped; nested elements included).
std::vector<std::string_view> XmlElements(std::string_view xml, std::string_view tag);
// The unescaped text of the first <tag>, or nullopt when there is none.
std::optional<std::string> XmlText(std::string_view xml, std::string_view tag);
// Replaces &amp; &lt; &gt; &quot; &apos; and numeric references (&#38; &#x26;) with their
// characters (UTF-8); anything else is kept as it is.
std::string XmlUnescape(std::string_view text);
// Escapes & < > " ' for element text.
std::string XmlEscape(std::string_view text);

}  // namespace taiga::blob
