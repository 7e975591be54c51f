#include "domain/web_session.h"

namespace taiga::domain {

const char* SignInMethodName(SignInMethod method) {
  return method == SignInMethod::kToken ? "token" : "code";
}

std::optional<SignInMethod> SignInMethodFromName(const std::string& name) {
  if (name == "code") return SignInMethod::kCode;
  if (name == "token") return SignInMethod::kToken;
  return std::nullopt;
}

}  // namespace taiga::domain
