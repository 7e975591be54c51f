// TextEncoding: the text encodings a CSV/TSV upload may declare, and the transcoding between
// them and UTF-8 (what is stored). Only ASCII-compatible encodings are offered, so the CSV
// tokenizer can split raw bytes before decoding. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace taiga::convert {

enum class TextEncoding { kUtf8, kLatin1, kWindows1252, kAscii };

// Parses a declared label, normalised as Python normalises codec names (case, '-', '_' and
// spaces ignored): "utf8", "UTF-8", "latin-1", "ISO-8859-1", "ISO 8859-1", "cp1252",
// "windows-1252", "ascii", "us-ascii". An empty label is UTF-8 (taigapy's default).
// Errors: InvalidArgument naming the label and the supported ones.
common::Result<TextEncoding> ParseTextEncoding(std::string_view label);

// The canonical name: "utf-8", "iso-8859-1", "windows-1252", "ascii".
std::string_view TextEncodingName(TextEncoding encoding);

// True when every byte is below 0x80.
bool IsAscii(std::string_view bytes);

// Offset of the first byte of the first invalid UTF-8 sequence (strict, as Python's decoder:
// no overlong forms, surrogates or code points above U+10FFFF), or npos when valid.
size_t FindInvalidUtf8(std::string_view bytes);

// Appends `bytes`, decoded from `encoding`, to `out` as UTF-8. Returns npos, or the offset of
// the first byte that cannot be decoded (then `out` holds a partial result).
size_t AppendDecodedAsUtf8(TextEncoding encoding, std::string_view bytes, std::string& out);

// Appends a stored string to `out` encoded as `encoding`. A stored string that is not valid
// UTF-8 is read as Latin-1, as the original columnar reader does. Returns npos, or the offset
// in `stored` of the first character `encoding` cannot represent.
size_t AppendStoredStringEncoded(TextEncoding encoding, std::string_view stored, std::string& out);

// "C3 28": the bytes at `offset` (up to 4, fewer at the end) as hex, for error messages.
std::string HexBytesAt(std::string_view bytes, size_t offset);

}  // namespace taiga::convert
