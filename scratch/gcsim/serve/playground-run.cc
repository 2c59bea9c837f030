#include "playground-run.h"

#include "scratch/gcsim/output/child-process.h"
#include "scratch/gcsim/run-estimate.h"
#include "scratch/gcsim/scenario.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace gcsim
{

namespace
{

/// Reading a scenario touches ns-3's global state (time resolution, addresses): one at a time.
std::mutex g_scenarioMutex;

std::string
Trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    {
        text.pop_back();
    }
    return text;
}

/// posix_spawn's settings for RunWithDeadline: own group, signals unblocked and at defaults.
class SpawnSettings
{
public:
    explicit SpawnSettings(int outputFd)
    {
        posix_spawnattr_init(&m_attr);
        posix_spawn_file_actions_init(&m_actions);
        sigset_t none;
        sigemptyset(&none);
        sigset_t defaults;
        sigemptyset(&defaults);
        for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE})
        {
            sigaddset(&defaults, s);
        }
        posix_spawnattr_setsigmask(&m_attr, &none);
        posix_spawnattr_setsigdefault(&m_attr, &defaults);
        posix_spawnattr_setpgroup(&m_attr, 0);
        posix_spawnattr_setflags(&m_attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                              POSIX_SPAWN_SETPGROUP);
        posix_spawn_file_actions_addopen(&m_actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&m_actions, outputFd, STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&m_actions, outputFd, STDERR_FILENO);
    }
    ~SpawnSettings()
    {
        posix_spawnattr_destroy(&m_attr);
        posix_spawn_file_actions_destroy(&m_actions);
    }
    SpawnSettings(const SpawnSettings&) = delete;
    SpawnSettings& operator=(const SpawnSettings&) = delete;

    pid_t Spawn(const std::vector<std::string>& args)
    {
        std::vector<std::string> copies = args;
        std::vector<char*> argv;
        for (auto& a : copies)
        {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        pid_t pid = -1;
        if (posix_spawn(&pid, argv[0], &m_actions, &m_attr, argv.data(), environ) != 0)
        {
            return -1;
        }
        return pid;
    }

private:
    posix_spawnattr_t m_attr;
    posix_spawn_file_actions_t m_actions;
};

} // namespace

std::string
OverridesRefusal(const std::vector<std::string>& sets, const PlaygroundLimits& limits)
{
    if (sets.size() > limits.maxOverrides)
    {
        return "gcsim serve: " + std::to_string(sets.size()) + " --set options; the playground " +
               "takes at most " + std::to_string(limits.maxOverrides);
    }
    for (const auto& set : sets)
    {
        if (set.size() > limits.maxSetBytes)
        {
            return "gcsim serve: a --set option of " + std::to_string(set.size()) +
                   " bytes; the playground takes at most " + std::to_string(limits.maxSetBytes);
        }
        if (set.find('\0') != std::string::npos)
        {
            return "gcsim serve: --set " + Printable(set, 80) + ": a NUL byte";
        }
        if (set.find('=') == std::string::npos)
        {
            return "gcsim serve: --set " + Printable(set, 80) + ": expected KEY=VALUE";
        }
    }
    return "";
}

std::string
ValidationMessage(const std::string& program, const std::string& scenario,
                  const std::vector<std::string>& sets)
{
    std::vector<std::string> args{program, "validate", scenario};
    for (const auto& set : sets)
    {
        args.push_back("--set=" + set); // "--set=-x=1" stays one option, "--set -x=1" would not
    }
    std::atomic<bool> never{false};
    ChildOutcome outcome = RunWithDeadline(args, 60, never);
    return outcome.exitCode == 0 ? "" : Trimmed(outcome.output);
}

std::string
LimitMessage(const std::string& scenario, const std::vector<std::string>& sets,
             const PlaygroundLimits& limits)
{
    std::lock_guard<std::mutex> lock(g_scenarioMutex);
    Scenario s = LoadScenario(scenario, sets);
    if (s.topology.clients > limits.maxClients)
    {
        return "gcsim serve: topology.clients = " + std::to_string(s.topology.clients) +
               ": this playground runs at most " + std::to_string(limits.maxClients) +
               " clients (gcsim serve --max-clients)";
    }
    if (s.traffic.messages > limits.maxMessages)
    {
        return "gcsim serve: traffic.messages = " + std::to_string(s.traffic.messages) +
               ": this playground runs at most " + std::to_string(limits.maxMessages) +
               " messages (gcsim serve --max-messages)";
    }
    RunEstimate estimate = EstimateRun(s);
    if (estimate.seconds > limits.runSeconds)
    {
        return "gcsim serve: this run would take " + DurationText(estimate.seconds) +
               " of wall-clock time" +
               (estimate.timeKey.empty() ? "" : " (mostly " + estimate.timeKey + ")") +
               "; this playground stops a run after " + DurationText(limits.runSeconds) +
               " (gcsim serve --run-seconds)";
    }
    return "";
}

std::string
ResolvedScenarioText(const std::string& scenario)
{
    std::lock_guard<std::mutex> lock(g_scenarioMutex);
    return ResolvedToml(LoadScenario(scenario, {}));
}

ChildOutcome
RunWithDeadline(const std::vector<std::string>& args, double seconds, const std::atomic<bool>& stop)
{
    using Clock = std::chrono::steady_clock;
    ChildOutcome outcome;
    int fds[2];
    // Close-on-exec: a child started at the same time by another thread must not hold it.
    if (::pipe2(fds, O_CLOEXEC) != 0)
    {
        outcome.output = "cannot create a pipe";
        return outcome;
    }
    pid_t pid = SpawnSettings(fds[1]).Spawn(args);
    ::close(fds[1]);
    if (pid < 0)
    {
        ::close(fds[0]);
        outcome.output = "cannot start " + args[0];
        return outcome;
    }
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    Clock::time_point killAt = Clock::time_point::max();
    char buf[4096];
    while (true)
    {
        pollfd p{fds[0], POLLIN, 0};
        int ready = ::poll(&p, 1, 200);
        if (ready > 0)
        {
            ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n == 0 || (n < 0 && errno != EINTR))
            {
                break;
            }
            outcome.output.append(buf, std::size_t(std::max<ssize_t>(n, 0)));
        }
        const auto now = Clock::now();
        if (killAt == Clock::time_point::max() && (stop || now > deadline))
        {
            outcome.stopped = stop;
            outcome.timedOut = !stop;
            ::kill(-pid, SIGTERM);
            killAt = now + std::chrono::seconds(5);
        }
        else if (now > killAt)
        {
            ::kill(-pid, SIGKILL);
        }
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    outcome.exitCode = ExitCode(status);
    return outcome;
}

} // namespace gcsim
