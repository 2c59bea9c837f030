#ifndef GCSIM_SERVE_SERVE_H
#define GCSIM_SERVE_SERVE_H

#include "playground-run.h"

#include <algorithm>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <thread>

namespace gcsim
{

/// What `gcsim serve` was asked to do.
struct ServeOptions
{
    std::string bind{"127.0.0.1"};
    int port{8020}; //!< 0: any free port (printed)
    std::string out{"gcsim-serve-results"};
    uint32_t jobs{std::max(1U, std::thread::hardware_concurrency())};
    uint32_t queue{8}; //!< runs that may wait for a free job
    PlaygroundLimits limits;
};

/// The playground's page (scratch/gcsim/serve/playground-page.html, compiled in).
const std::string& PlaygroundPage();

/**
 * `gcsim serve`: the web playground on http://BIND:PORT/. Each run is `gcsim run` in a child
 * process writing a fresh folder of \p options.out; only files below that folder are served.
 * SIGINT, SIGTERM and SIGHUP stop the running runs (they remove their own partial folders),
 * the server, and return EXIT_OK.
 */
int ServeCommand(const ServeOptions& options, std::ostream& out, std::ostream& err);

} // namespace gcsim

#endif // GCSIM_SERVE_SERVE_H
