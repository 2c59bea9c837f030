#ifndef GCSIM_RESULTS_FOLDER_H
#define GCSIM_RESULTS_FOLDER_H

#include <string>
#include <vector>

namespace gcsim
{

/**
 * \brief A results folder that appears whole or not at all.
 *
 * Files are written into a hidden staging folder beside the destination; Commit() moves a
 * previous results folder aside to DEST.1 (or the next free number) and renames the
 * staging folder into place. A folder that is not a gcsim results folder is never
 * replaced. Without Commit() the staging folder (and any parent this created) is removed.
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
    /// The folder as it will be named after Commit().
    const std::string& Destination() const;
    /**
     * Puts the results in place only if no folder holding files is there already (one
     * atomic rename); otherwise discards them. Returns whether they were put in place.
     */
    bool CommitIfAbsent();
    /// Puts the results in place; returns where an earlier folder was moved, or "".
    std::string Commit();

private:
    std::string m_destination;
    std::string m_staging;
    std::vector<std::string> m_createdParents; //!< deepest last
    bool m_committed{false};
};

} // namespace gcsim

#endif
