// EscapeMarkup: text made safe for XML and HTML element content and quoted attribute values —
// & < > " ' become &amp; &lt; &gt; &quot; &apos; (all valid in XML 1.0 and HTML5); every other
// byte is kept. The one escaper of the S3 XML documents and the web UI's index page. Pure,
// thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace taiga::common {

std::string EscapeMarkup(std::string_view text);

}  // namespace taiga::common
