#ifndef GCSIM_ATOMIC_FILE_H
#define GCSIM_ATOMIC_FILE_H

#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <sys/types.h>

namespace gcsim
{

/**
 * \brief A file could not be written (disk full, quota, I/O error): a failure of where the
 * results go, not of the input. Exit status 1; the message names the file as the user
 * knows it and the system's reason.
 */
class WriteError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/**
 * Writes \p text to \p path in one step: into a hidden temporary file beside it
 * (".NAME.tmp-HOST-PID-N"), then one rename over \p path, so that a reader sees the old
 * file or the new one, never a part. On any failure the temporary file is removed and
 * WriteError is thrown naming \p shown (\p path if empty); an interrupt (InterruptCleanup)
 * removes it too. \p mode is given to open(2), under the umask.
 */
void WriteFileAtomically(const std::string& path, const std::string& text,
                         const std::string& shown = "", mode_t mode = 0666);

/**
 * \brief A file streamed while a run goes on (deliveries.csv, links.csv), written through
 * its own descriptor so that the first error is kept with its reason.
 */
class OutputFile : public std::ostream
{
public:
    /// Creates (or truncates) \p path; WriteError naming \p shown if it cannot.
    OutputFile(const std::string& path, const std::string& shown);
    ~OutputFile() override;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Writes what is buffered and closes; WriteError naming the file if any write failed.
    void Close();

private:
    class Buffer;
    std::unique_ptr<Buffer> m_buffer;
    std::string m_shown;
};

/// This host's name, as staging and temporary names hold it.
std::string HostName();

/// Whether process \p pid of this host is gone (a zombie, killed but not reaped, is gone).
bool ProcessGone(pid_t pid);

/**
 * Removes the temporary files WriteFileAtomically left in \p folder when its process was
 * killed (SIGKILL cannot be caught): those of this host whose process is gone.
 */
void RemoveDeadTempFiles(const std::string& folder);

} // namespace gcsim

#endif
