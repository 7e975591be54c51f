#include "blob/sigv4_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <ctime>
#include <stdexcept>

#include "common/hash.h"
#include "common/hex.h"

namespace taiga::blob {

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
           &len) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");  // only on allocation failure
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  return common::HexEncode(HmacSha256(key, data));
}

std::string DeriveSigningKey(std::string_view secret_access_key, std::string_view yyyymmdd,
                             std::string_view region, std::string_view service) {
  std::string k = HmacSha256("AWS4" + std::string(secret_access_key), yyyymmdd);
  k = HmacSha256(k, region);
  k = HmacSha256(k, service);
  return HmacSha256(k, "aws4_request");
}

std::string CredentialScope(std::string_view yyyymmdd, std::string_view region,
                            std::string_view service) {
  std::string out(yyyymmdd);
  out.append("/").append(region).append("/").append(service).append("/aws4_request");
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out(kSigV4Algorithm);
  out.append("\n").append(amz_date).append("\n").append(scope).append("\n");
  out.append(common::Sha256Hex(canonical_request));
  return out;
}

std::string FormatAmzDate(common::Timestamp ts) {
  std::time_t secs = static_cast<std::time_t>(ts / 1000000);
  if (ts < 0 && ts % 1000000 != 0) --secs;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

common::Result<common::Timestamp> ParseAmzDate(std::string_view s) {
  auto bad = [&] {
    return common::InvalidArgument("\"" + std::string(s) +
                                   "\" is not an amz-date (yyyymmddThhmmssZ, UTC)");
  };
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return bad();
  auto num = [&](size_t pos, size_t len, int* out) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  std::tm tm{};
  int year = 0, month = 0;
  if (!num(0, 4, &year) || !num(4, 2, &month) || !num(6, 2, &tm.tm_mday) ||
      !num(9, 2, &tm.tm_hour) || !num(11, 2, &tm.tm_min) || !num(13, 2, &tm.tm_sec)) {
    return bad();
  }
  if (month < 1 || month > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 59) {
    return bad();
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  const std::time_t secs = timegm(&tm);
  // timegm normalises out-of-range days (Feb 31): round-tripping catches them.
  if (FormatAmzDate(static_cast<common::Timestamp>(secs) * 1000000) != s) {
    return bad();
  }
  return static_cast<common::Timestamp>(secs) * 1000000;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace taiga::blob
