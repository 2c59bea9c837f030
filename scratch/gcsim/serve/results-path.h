#ifndef GCSIM_SERVE_RESULTS_PATH_H
#define GCSIM_SERVE_RESULTS_PATH_H

#include <optional>
#include <string>

namespace gcsim
{

/**
 * \brief The file a request for \p relative (a URL path under /results/, decoded) names inside
 * the results folder \p root, or nullopt when it would lie outside it.
 *
 * Refused: an absolute path, a `..` or hidden (dot) component, a NUL byte, and anything
 * whose canonical path (symbolic links followed) is not below \p root's canonical path.
 * Whether the file exists is not checked here.
 */
std::optional<std::string> PathInside(const std::string& root, const std::string& relative);

} // namespace gcsim

#endif // GCSIM_SERVE_RESULTS_PATH_H
