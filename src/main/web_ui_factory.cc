#include "main/web_ui_factory.h"

#include "web/directory_asset_source.h"
#include "web/embedded_asset_source.h"

namespace taiga::main {

common::Result<std::unique_ptr<web::StaticSite>> OpenWebUi(const Config& config) {
  std::unique_ptr<web::AssetSource> source;
  if (config.web_dir.empty()) {
    source = std::make_unique<web::EmbeddedAssetSource>(web::EmbeddedWebAssets());
  } else {
    TAIGA_ASSIGN_OR_RETURN(source, web::DirectoryAssetSource::Open(config.web_dir));
  }
  return std::make_unique<web::StaticSite>(std::move(source),
                                           web::StaticSiteOptions{config.prefix});
}

}  // namespace taiga::main
