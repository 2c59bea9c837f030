#ifndef GCSIM_COMMANDS_H
#define GCSIM_COMMANDS_H

#include "scratch/gcsim/scenario.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace gcsim
{

/// What `gcsim run` was asked to do.
struct RunRequest
{
    std::string scenario;
    std::vector<std::string> sets;
    std::string out;
    bool quiet{false};
    bool keepExisting{false}; //!< a sweep's run: never replace a complete folder
    std::string commandLine;  //!< as typed, shell-quoted
    bool report{true};        //!< write report.html
    bool narrate{false};      //!< tell what happened to message 0 after the table
    bool timings{false};      //!< print each phase's wall-clock time to `err`
    ScenarioLimits limits;    //!< --allow-large
    bool plots{true};         //!< draw the figures with gnuplot, if it is there
};

/// Whether figures are drawn: not with --no-plots, nor with GCSIM_NO_PLOTS set non-empty.
bool PlotsWanted(bool noPlotsFlag);

/// `gcsim run`: simulates every mode of the scenario and writes its results folder.
int RunCommand(const RunRequest& request, std::ostream& out, std::ostream& err);

/// `gcsim validate`: checks the scenario and prints what it would run.
int ValidateCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
                    const ScenarioLimits& limits, std::ostream& out);

/// `gcsim sweep`: every run of the scenario's [sweep] table (shard \p shard, "" all).
int SweepCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
                 const ScenarioLimits& limits, const std::string& outOption, uint32_t jobs,
                 const std::string& shard, bool collect, std::ostream& out, std::ostream& err,
                 bool plots = true);

/// `gcsim slurm`: writes (and with \p submit, submits) a job-array script for the sweep.
int SlurmCommand(const std::string& scenarioPath, const std::vector<std::string>& sets,
                 const ScenarioLimits& limits, const std::string& outOption, uint32_t arraySize,
                 uint32_t jobs, bool submit, std::ostream& out);

/// Throws InputError if `gcsim live` cannot run \p scenario (a kind, mode or table it does not
/// build yet), naming the key.
void CheckLiveScenario(const Scenario& scenario);

/// `gcsim live`: \p request's scenario on real Linux network stacks (needs root), into the
/// results folder a simulation writes, plus live.json.
int LiveCommand(const RunRequest& request, std::ostream& out, std::ostream& err);

/// This program's path (/proc/self/exe), or "gcsim".
std::string SelfExecutable();

} // namespace gcsim

#endif
