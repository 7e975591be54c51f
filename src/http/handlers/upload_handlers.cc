#include "http/handlers/upload_handlers.h"

#include "common/clock.h"
#include "http/handlers/bind.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"

namespace taiga::http {
namespace {

using Result = common::Result<Response>;

Result Credentials(ApiServices& s, Request&, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto c, s.uploads.Credentials(ctx));
  return JsonResponse({{"accessKeyId", c.access_key_id},
                       {"secretAccessKey", c.secret_access_key},
                       {"sessionToken", c.session_token},
                       {"expiration", common::FormatIsoTimestamp(c.expiration)},
                       {"bucket", c.bucket},
                       {"prefix", c.prefix},
                       {"endpointUrl", c.endpoint_url}});
}

Result NewSession(ApiServices& s, Request&, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto id, s.uploads.NewSession(ctx));
  return JsonResponse(id);
}

Result RegisterFile(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  app::FileRegistration f;
  TAIGA_ASSIGN_OR_RETURN(f.filename, body.RequiredString("filename"));
  TAIGA_ASSIGN_OR_RETURN(f.filetype, body.RequiredString("filetype"));
  TAIGA_ASSIGN_OR_RETURN(f.custom_metadata, body.OptionalObjectText("custom_metadata"));
  TAIGA_ASSIGN_OR_RETURN(f.existing_taiga_id, body.OptionalString("existingTaigaId"));
  TAIGA_ASSIGN_OR_RETURN(auto s3, body.OptionalObject("s3Upload"));
  if (s3) {
    TAIGA_ASSIGN_OR_RETURN(f.bucket, s3->OptionalString("bucket"));
    TAIGA_ASSIGN_OR_RETURN(f.key, s3->OptionalString("key"));
    TAIGA_ASSIGN_OR_RETURN(f.format, s3->OptionalString("format"));
    TAIGA_ASSIGN_OR_RETURN(f.encoding, s3->OptionalString("encoding"));
  } else if (f.filetype == "s3") {
    return common::InvalidArgument("'s3Upload' is required for filetype \"s3\"");
  }
  TAIGA_ASSIGN_OR_RETURN(auto result, s.uploads.RegisterFile(ctx, req.Param("sid"), f));
  return JsonResponse(result);
}

}  // namespace

void AddUploadRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/api/credentials_s3", RouteAuth::kRequired, Bind(s, Credentials)});
  router.Add({"GET", "/api/upload_session", RouteAuth::kRequired, Bind(s, NewSession)});
  router.Add({"POST", "/api/datafile/{sid}", RouteAuth::kRequired, Bind(s, RegisterFile)});
}

}  // namespace taiga::http
