#include "app/parent_visibility.h"

#include <unordered_set>

#include "domain/folder.h"

namespace taiga::app {

common::Result<std::vector<domain::NamedId>> VisibleParents(db::Transaction& tx,
                                                            const RequestContext& ctx,
                                                            const std::string& entry_id) {
  TAIGA_ASSIGN_OR_RETURN(auto parents, tx.Entries().ListParents(entry_id));
  const std::string& me = ctx.actor->user_id;
  std::vector<std::string> unknown;
  for (const auto& p : parents) {
    if (p.id != domain::kPublicFolderId && p.creator_id != me) unknown.push_back(p.id);
  }
  std::unordered_set<std::string> visited;
  if (!unknown.empty() && !ctx.actor->is_admin) {
    TAIGA_ASSIGN_OR_RETURN(auto accessed, tx.Entries().FilterAccessed(me, unknown));
    visited.insert(accessed.begin(), accessed.end());
  }
  std::vector<domain::NamedId> out;
  for (auto& p : parents) {
    if (p.id == domain::kPublicFolderId || p.creator_id == me || visited.count(p.id) > 0 ||
        ctx.actor->is_admin) {
      out.push_back({std::move(p.id), std::move(p.name)});
    }
  }
  return out;
}

}  // namespace taiga::app
