#ifndef GCSIM_RESULTS_FOLDER_H
#define GCSIM_RESULTS_FOLDER_H

#include "interrupt.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gcsim
{

/// Whether \p dir holds a gcsim run's summary.json (an object with "modes"): a run folder.
bool IsRunFolder(const std::string& dir);
/// Whether \p dir holds a gcsim sweep plan, sweep.json (an object with "name" and "runs").
bool IsSweepFolder(const std::string& dir);

/// What a command writes into the folder it is given.
enum class FolderUse
{
    RUN,   //!< gcsim run: replaces it whole (an earlier run folder is moved aside)
    SWEEP, //!< gcsim sweep, slurm: writes inside it
};

/**
 * Checks the folder \p typed names (as option \p option, e.g. "--out") before anything
 * runs and returns the folder to write: \p typed made normal, or the folder a symbolic link
 * leads to (the link is kept: results go where it points). InputError naming the option
 * when it names `.`, `..` or `/`, the current folder or one holding it, a dangling or
 * looping link, something that is not a folder, or a folder holding files that are not of
 * \p use's kind (empty and absent folders are fine).
 */
std::string CheckOutFolder(const std::string& typed, FolderUse use,
                           const std::string& option = "--out");

/**
 * \brief A hidden folder beside a destination, to build results in.
 *
 * Named ".NAME.partial-HOST-PID-N"; while its process lives it holds an flock on the lock
 * file inside it, so RemoveDeadStaging() can tell a dead one from a live one on any host
 * sharing the folder, whatever process ids are reused. Removed with the object, and by an
 * interrupt (InterruptCleanup), unless it was moved into place.
 */
class StagingFolder
{
public:
    /// Throws InputError naming \p where (e.g. "--out DIR") if it cannot be made.
    StagingFolder(const std::string& parent, const std::string& name, const std::string& where);
    ~StagingFolder();
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;

    const std::string& Path() const;
    /// Drops the lock file before the folder is renamed into place (results hold none).
    void PrepareToMove();
    /// The folder was renamed away: nothing to remove any more.
    void Moved();

private:
    std::string m_path;
    int m_lock{-1};
    RemoveOnInterrupt m_removal;
    bool m_moved{false};
};

/// Removes the staging folders in \p parent whose process is gone (see StagingFolder).
void RemoveDeadStaging(const std::string& parent);

/**
 * Copies each file of \p files (source path, path relative to \p folder) into \p folder,
 * atomically; a file already there is kept (a sweep's runs share their inputs' copies).
 * A sweep's own copy (DIR/inputs/maps/NAME beside DIR/sweep.json) is hard-linked where the
 * file system allows, so a sweep of thousands of runs keeps one copy of its map.
 * WriteError if one cannot be read or written.
 */
void PlaceScenarioFiles(const std::vector<std::pair<std::string, std::string>>& files,
                        const std::string& folder);

/**
 * \brief A results folder that appears whole or not at all.
 *
 * Files are written into a StagingFolder beside the destination; Commit() moves a previous
 * results folder aside to DEST.1 (or the next free number) and renames the staging folder
 * into place, retrying when another run commits into the same destination at the same time
 * (each result ends up in DEST or DEST.N, none is discarded). A folder that is not a gcsim
 * results folder is never replaced. Without Commit() the staging folder (and any parent
 * this created) is removed. Staging folders of dead runs beside the destination are removed
 * when one is made.
 */
class ResultsFolder
{
public:
    /// Throws InputError (naming --out) when \p destination cannot be written.
    explicit ResultsFolder(const std::string& destination);
    ~ResultsFolder();
    ResultsFolder(const ResultsFolder&) = delete;
    ResultsFolder& operator=(const ResultsFolder&) = delete;

    /// Where to write \p file before Commit().
    std::string Path(const std::string& file) const;
    /// \p file as messages name it: in the destination, as the user named it.
    std::string Shown(const std::string& file) const;
    /// The folder as it will be named after Commit() (as the user named it).
    const std::string& Destination() const;
    /**
     * Puts the results in place only if no folder holding files is there already (one
     * atomic rename); otherwise discards them. Returns whether they were put in place.
     */
    bool CommitIfAbsent();
    /**
     * Puts the results in place; returns where an earlier folder was moved, or "". If the
     * destination meanwhile holds files that are not gcsim results, the results go to the
     * first free DEST.N instead and Destination() says so.
     */
    std::string Commit();

private:
    std::string m_shown;  //!< the destination as the user named it, made normal
    std::string m_target; //!< the folder renamed into place: a link's target
    std::unique_ptr<StagingFolder> m_staging;
    std::vector<std::string> m_createdParents; //!< deepest last
    std::vector<RemoveOnInterrupt> m_parentRemovals;
    bool m_committed{false};
};

} // namespace gcsim

#endif
