#include "domain/rights.h"

namespace taiga::domain {

bool CanEdit(const RightsFacts& facts) {
  if (facts.actor_is_admin || facts.has_editor_grant) return true;
  return facts.creator_id.has_value() && *facts.creator_id == facts.actor_id;
}

}  // namespace taiga::domain
