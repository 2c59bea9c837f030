#ifndef GCSIM_COMMAND_H
#define GCSIM_COMMAND_H

#include <iosfwd>

namespace gcsim
{

/// Exit statuses of the gcsim command.
enum ExitStatus
{
    EXIT_OK = 0,
    EXIT_INTERNAL = 1, //!< gcsim itself failed
    EXIT_BAD_INPUT = 2 //!< the scenario, an option or the --out folder is wrong
};

/// The gcsim command: parses \p argv, runs the subcommand, returns the exit status.
int Main(int argc, char** argv, std::ostream& out, std::ostream& err);

} // namespace gcsim

#endif
