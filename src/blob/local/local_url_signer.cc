#include "blob/local/local_url_signer.h"

#include <charconv>
#include <vector>

#include "blob/sigv4_crypto.h"
#include "blob/sigv4_encoding.h"

namespace taiga::blob {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kVersion = "b2";  // b2: with the content encoding

std::string Base64UrlEncode(std::string_view in) {
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  unsigned int acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      out.push_back(kAlphabet[(acc >> (bits - 6)) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3F]);
  return out;
}

bool Base64UrlDecode(std::string_view in, std::string* out) {
  out->clear();
  unsigned int acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<unsigned int>(v);
    bits += 6;
    if (bits >= 8) {
      out->push_back(static_cast<char>((acc >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return bits < 6 && (acc & ((1u << bits) - 1)) == 0;  // canonical: no stray bits
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) return out;
    start = nl + 1;
  }
}

}  // namespace

common::Result<LocalUrlSigner> LocalUrlSigner::Create(std::string key) {
  if (key.size() < kMinKeyBytes) {
    return common::InvalidArgument("the blob URL signing key must be at least 32 bytes; got " +
                                   std::to_string(key.size()));
  }
  return LocalUrlSigner(std::move(key));
}

std::string LocalUrlSigner::Sign(const SignedBlob& blob, common::Timestamp expires_at) const {
  std::string payload(kVersion);
  payload.append("\n").append(std::to_string(expires_at / 1000000));
  payload.append("\n").append(UriEncode(blob.key, /*keep_slash=*/true));
  payload.append("\n").append(UriEncode(blob.download_name));
  payload.append("\n").append(UriEncode(blob.content_type, /*keep_slash=*/true));
  payload.append("\n").append(UriEncode(blob.content_encoding));
  return Base64UrlEncode(payload) + "." + Base64UrlEncode(HmacSha256(key_, payload));
}

common::Result<SignedBlob> LocalUrlSigner::Verify(std::string_view token,
                                                  common::Timestamp now) const {
  const auto bad = [] {
    return common::Unauthenticated(
        "the download link is invalid (damaged or not ours); ask for "
        "a new one");
  };
  const size_t dot = token.find('.');
  std::string payload, mac;
  if (dot == std::string_view::npos || !Base64UrlDecode(token.substr(0, dot), &payload) ||
      !Base64UrlDecode(token.substr(dot + 1), &mac)) {
    return bad();
  }
  if (!ConstantTimeEquals(HmacSha256(key_, payload), mac)) return bad();
  const std::vector<std::string_view> f = SplitLines(payload);
  if (f.size() != 6 || f[0] != kVersion) return bad();
  int64_t expires = 0;
  auto [ptr, ec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), expires);
  if (ec != std::errc() || ptr != f[1].data() + f[1].size()) return bad();
  if (now / 1000000 > expires) {
    return common::PermissionDenied("the download link expired; ask for a new one");
  }
  auto key = PercentDecode(f[2]);
  auto name = PercentDecode(f[3]);
  auto type = PercentDecode(f[4]);
  auto encoding = PercentDecode(f[5]);
  if (!key.ok() || !name.ok() || !type.ok() || !encoding.ok()) return bad();
  return SignedBlob{std::move(*key), std::move(*name), std::move(*type), std::move(*encoding)};
}

}  // namespace taiga::blob
