// Python's repr(float) (which str(numpy.float64) matches): the shortest string that reads
// back as the same double, in fixed notation with at least one decimal ("1.0", "0.0001") when
// the decimal exponent is in [-4, 16), otherwise scientific with a two-digit minimum exponent
// ("1e-05", "1e+16", "1.5e+300"); "inf", "-inf", "nan". Pure, thread-safe.
#pragma once

#include <string>

namespace taiga::convert {

// Appends repr(value) to `out`.
void AppendPythonFloatRepr(double value, std::string& out);

}  // namespace taiga::convert
