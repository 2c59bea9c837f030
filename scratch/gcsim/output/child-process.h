#ifndef GCSIM_CHILD_PROCESS_H
#define GCSIM_CHILD_PROCESS_H

#include <functional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace gcsim
{

/// How StartChild sets a child up before it runs \p program.
struct ChildSpec
{
    std::string program;           //!< the file execv() runs
    std::vector<std::string> args; //!< argv, argv[0] included
    std::string folder;            //!< chdir() there first (exit 126 if it cannot); "" stays
    bool stdinFromNull{false};     //!< standard input from /dev/null
    int outputFd{-1};              //!< standard output and error to this descriptor
    std::string outputFile;        //!< or to this file, created or truncated (mode 0644)
    bool dieWithParent{false};     //!< SIGKILL when this process ends
    /// Runs in the forked child instead of \p program (the child exits with its value).
    std::function<int(int, char**)> inProcess;
};

/**
 * Starts \p spec as a child through ForkChild (stopped and waited for if gcsim is
 * interrupted): the child exits 127 when execv() fails. Returns the child's id, or -1
 * (errno set) when fork() fails.
 */
pid_t StartChild(const ChildSpec& spec);

/// \p program as an executable path: itself if it names a path, else looked up on PATH ("" if
/// not found).
std::string FindProgram(const std::string& program);

/// A child's exit status from waitpid()'s \p status: its exit code, or 128 + the signal.
int ExitCode(int status);

/**
 * Runs \p spec to its end with its standard output and error read through a pipe; returns
 * its ExitCode and what it printed. \p what names it in the error thrown when it cannot
 * start ("cannot start gnuplot: ...").
 */
std::pair<int, std::string> RunCapturingOutput(ChildSpec spec, const std::string& what);

} // namespace gcsim

#endif
