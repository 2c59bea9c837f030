#include "command.h"
#include "commands.h"
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/plot/plot.h"
#include "scratch/gcsim/report/html-report.h"
#include "scratch/gcsim/sweep/sweep.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace gcsim
{

std::string
SelfExecutable()
{
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? "gcsim" : self.string();
}

namespace
{

std::string
SweepFolder(const std::string& outOption, const std::string& name)
{
    return outOption.empty() ? "results/" + name + "-sweep" : outOption;
}

/**
 * --shard I/N as (I - 1, N): two whole numbers of decimal digits only (no sign, no space),
 * 1 <= I <= N < 2^32; anything else is InputError, not a number wrapped round.
 */
std::pair<uint32_t, uint32_t>
ParseShard(const std::string& shard)
{
    auto number = [](const std::string& digits, uint64_t& value)
    {
        if (digits.empty() || digits.size() > 10 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
        {
            return false;
        }
        value = std::stoull(digits);
        return value <= UINT32_MAX;
    };
    auto slash = shard.find('/');
    uint64_t index = 0;
    uint64_t count = 0;
    if (slash == std::string::npos || !number(shard.substr(0, slash), index) ||
        !number(shard.substr(slash + 1), count) || index < 1 || index > count)
    {
        throw InputError("--shard " + shard, "",
                         "expected I/N, two whole numbers with 1 <= I <= N <= 4294967295, e.g. "
                         "2/8");
    }
    return {uint32_t(index - 1), uint32_t(count)};
}

/// A scenario without a [sweep] table is refused: sweeping it would be one plain run.
void
RequireSweepTable(const Sweep& sweep, const std::string& scenarioPath)
{
    if (!sweep.Given())
    {
        throw InputError(scenarioPath, "",
                         "has no [sweep] table, so there is nothing to sweep; `gcsim run " +
                             ShellQuote(scenarioPath) +
                             "` runs it once, and a [sweep] table with e.g. `repetitions = 5` "
                             "repeats it (see the README's Sweeps)");
    }
}

} // namespace

int
SweepCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
             const ScenarioLimits& limits, const std::string& outOption, uint32_t jobs,
             const std::string& shard, bool collect, std::ostream& out, std::ostream& err,
             bool plots)
{
    std::pair<uint32_t, uint32_t> shardOf{0, 1};
    if (!shard.empty())
    {
        shardOf = ParseShard(shard); // before the plan: the cheapest check first
    }
    Sweep sweep(scenarioPath, sets, limits);
    RequireSweepTable(sweep, scenarioPath);
    SweepOptions options;
    options.out = SweepFolder(outOption, sweep.Name());
    options.jobs = jobs;
    options.collect = collect;
    options.executable = SelfExecutable();
    options.runInProcess = [](int argc, char** argv)
    { return Main(argc, argv, std::cout, std::cerr); };
    options.progressBar = ::isatty(STDOUT_FILENO) && &out == &std::cout;
    options.shardIndex = shardOf.first;
    options.shardCount = shardOf.second;
    SweepOutcome outcome = RunSweep(sweep, options, out);
    if (options.collect && options.shardCount == 1)
    {
        if (plots)
        {
            if (auto names = PlotOrSay(options.out, options.out, err); !names.empty())
            {
                out << "plots in " << options.out << "/plots: " << Join(names, " ") << '\n';
            }
        }
        try
        {
            std::string page = WriteReport(options.out);
            out << "report in " << page << '\n';
        }
        catch (const std::exception& e)
        {
            err << "gcsim: warning: report.html not written: " << Printable(e.what()) << '\n';
        }
    }
    return outcome.failed == 0 ? EXIT_OK : EXIT_INTERNAL;
}

namespace
{

/**
 * A value for an #SBATCH line: Slurm reads those like a shell, but drops every backslash
 * and expands % patterns in file names, so a path must not hold a backslash or a newline.
 */
std::string
SlurmQuote(const std::string& value)
{
    std::string quoted = "\"";
    for (char c : value)
    {
        quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
    }
    return quoted + "\"";
}

/// \p path with Slurm's filename patterns (%j, %a, ...) escaped.
std::string
SlurmPattern(const std::string& path)
{
    std::string escaped;
    for (char c : path)
    {
        escaped += c == '%' ? std::string("%%") : std::string(1, c);
    }
    return escaped;
}

/// "80 runs", or with a precision "2 combinations, at most 80 runs".
std::string
RunsText(const Sweep& sweep)
{
    std::string runs = Plural(sweep.Runs().size(), "run");
    if (sweep.Precision().precision > 0)
    {
        return Plural(sweep.Combinations(), "combination") + ", at most " + runs;
    }
    return runs;
}

} // namespace

int
SlurmCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
             const ScenarioLimits& limits, const std::string& outOption, uint32_t arraySize,
             uint32_t jobs, bool submit, std::ostream& out)
{
    namespace fs = std::filesystem;
    Sweep sweep(scenarioPath, sets, limits); // every run checked here, before anything is submitted
    RequireSweepTable(sweep, scenarioPath);
    std::string typed = SweepFolder(outOption, sweep.Name());
    fs::path folder = fs::absolute(typed).lexically_normal();
    fs::path scenario = fs::absolute(scenarioPath).lexically_normal();
    if (folder.string().find_first_of("\\\n") != std::string::npos)
    {
        throw InputError("--out " + folder.string(), "",
                         "Slurm cannot write its logs to a folder whose path holds a backslash or "
                         "a line break; pick another --out");
    }
    // The script and the plan go into a sweep folder only: an empty one, or gcsim's own.
    fs::path target = CheckOutFolder(typed, FolderUse::SWEEP);
    std::error_code ec;
    fs::create_directories(target / "slurm", ec);
    if (!fs::is_directory(target / "slurm"))
    {
        throw InputError("--out " + folder.string(), "",
                         "cannot create folder " + (folder / "slurm").string() + ": " +
                             ec.message());
    }
    WriteSweepPlan(sweep, target.string()); // the marker that makes it a sweep folder
    std::string command = ShellQuote(SelfExecutable()) + " sweep " + ShellQuote(scenario.string());
    for (const auto& set : sets)
    {
        command += " --set " + ShellQuote(set);
    }
    command +=
        " --out " + ShellQuote(folder.string()) + " --shard \"$((SLURM_ARRAY_TASK_ID + 1))/" +
        std::to_string(arraySize) + "\"" +
        (jobs ? " --jobs " + std::to_string(jobs) : " --jobs \"${SLURM_CPUS_PER_TASK:-1}\"") +
        " --no-collect" + (limits.allowLarge ? " --allow-large" : "");
    std::ostringstream script;
    script << "#!/bin/bash\n"
           << "# The sweep " << sweep.Name() << " (" << RunsText(sweep) << ") in "
           << Plural(arraySize, "shard") << ", one per array task. When all tasks are done:\n"
           << "#   " << ShellQuote(SelfExecutable()) << " collect " << ShellQuote(folder.string())
           << "\n"
           << "#SBATCH --job-name=" << SlurmQuote("gcsim-" + sweep.Name()) << "\n"
           << "#SBATCH --array=0-" << arraySize - 1 << "\n"
           << "#SBATCH --output="
           << SlurmQuote(SlurmPattern(folder.string()) + "/slurm/shard-%a.log") << "\n"
           << "set -euo pipefail\n"
           << "exec " << command << "\n";
    fs::path path = folder / "slurm" / "sweep.sbatch";
    WriteFileAtomically((target / "slurm" / "sweep.sbatch").string(), script.str(), path.string(),
                        0777);
    out << "wrote " << path.string() << " (" << RunsText(sweep) << " in "
        << Plural(arraySize, "array task") << ")\n";
    if (uint32_t combinations = sweep.Combinations();
        sweep.Precision().precision > 0 && combinations < arraySize)
    {
        out << "note: with sweep.precision a shard runs whole combinations; "
            << Plural(arraySize, "array task") << " for " << Plural(combinations, "combination")
            << " leave " << arraySize - combinations << " of them idle\n";
    }
    if (!submit)
    {
        out << "submit it with: sbatch " << ShellQuote(path.string()) << '\n';
        return EXIT_OK;
    }
    std::string sbatch = "sbatch --parsable " + ShellQuote(path.string());
    FILE* pipe = ::popen(sbatch.c_str(), "r");
    std::string reply;
    char buf[256];
    while (pipe && std::fgets(buf, sizeof buf, pipe))
    {
        reply += buf;
    }
    int status = pipe ? ::pclose(pipe) : -1;
    if (status != 0)
    {
        throw std::runtime_error("sbatch failed: " + reply);
    }
    out << "submitted job " << reply;
    return EXIT_OK;
}

} // namespace gcsim
