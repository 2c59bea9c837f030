#ifndef GCSIM_SERVE_PLAYGROUND_RUN_H
#define GCSIM_SERVE_PLAYGROUND_RUN_H

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace gcsim
{

/// How far a run submitted to the playground may go (gcsim serve's options).
struct PlaygroundLimits
{
    uint32_t maxClients{64};       //!< topology.clients
    uint32_t maxMessages{200};     //!< traffic.messages
    double runSeconds{60};         //!< wall-clock time of one run, estimated and enforced
    uint32_t maxOverrides{32};     //!< --set options of one run
    std::size_t maxSetBytes{2000}; //!< the length of one
};

/**
 * The --set options a page submitted, as `gcsim run` would get them: "" when they may be
 * passed on, else why not (too many, too long, a NUL byte, no '='). What they say is not
 * checked here: `gcsim validate` does that.
 */
std::string OverridesRefusal(const std::vector<std::string>& sets, const PlaygroundLimits& limits);

/**
 * What `PROGRAM validate SCENARIO --set=...` prints when it refuses the scenario (its exit
 * status not 0): the very message of the command line, "gcsim: error: FILE: KEY: ...".
 * "" when it is valid.
 */
std::string ValidationMessage(const std::string& program, const std::string& scenario,
                              const std::vector<std::string>& sets);

/**
 * "" when the (valid) scenario fits \p limits: clients, messages and the estimated
 * wall-clock time; else a message naming the key, the value and the serve option.
 */
std::string LimitMessage(const std::string& scenario, const std::vector<std::string>& sets,
                         const PlaygroundLimits& limits);

/// The scenario as resolved without overrides (ResolvedToml), for the page's form.
std::string ResolvedScenarioText(const std::string& scenario);

/// How a child process ended.
struct ChildOutcome
{
    int exitCode{-1};   //!< its exit code, or 128 + the signal that ended it
    std::string output; //!< standard output and error, interleaved
    bool timedOut{false};
    bool stopped{false}; //!< \p stop was set while it ran
};

/**
 * Runs \p args (args[0] the program) in its own process group, standard input from
 * /dev/null, the signals gcsim handles at their defaults; sends its group SIGTERM once
 * \p seconds of wall-clock time pass or \p stop is set (SIGKILL 5 s later).
 */
ChildOutcome RunWithDeadline(const std::vector<std::string>& args, double seconds,
                             const std::atomic<bool>& stop);

} // namespace gcsim

#endif // GCSIM_SERVE_PLAYGROUND_RUN_H
