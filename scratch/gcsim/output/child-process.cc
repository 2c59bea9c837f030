#include "child-process.h"

#include "interrupt.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gcsim
{

namespace
{

/// In the forked child: the descriptors and folder \p spec asks for, then \p argv runs.
[[noreturn]] void
BecomeChild(const ChildSpec& spec, std::vector<char*>& argv)
{
    if (spec.dieWithParent)
    {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    }
    if (spec.stdinFromNull)
    {
        int devNull = ::open("/dev/null", O_RDONLY);
        if (devNull >= 0)
        {
            ::dup2(devNull, STDIN_FILENO);
        }
    }
    int fd = spec.outputFd;
    if (!spec.outputFile.empty())
    {
        fd = ::open(spec.outputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
    if (fd >= 0)
    {
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        if (!spec.outputFile.empty())
        {
            ::close(fd);
        }
    }
    if (!spec.folder.empty() && ::chdir(spec.folder.c_str()) != 0)
    {
        ::_exit(126);
    }
    if (spec.inProcess)
    {
        int code = spec.inProcess(static_cast<int>(argv.size() - 1), argv.data());
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
        ::_exit(code);
    }
    ::execv(spec.program.c_str(), argv.data());
    ::_exit(127);
}

} // namespace

pid_t
StartChild(const ChildSpec& spec)
{
    std::vector<std::string> args = spec.args;
    std::vector<char*> argv;
    for (auto& a : args)
    {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    pid_t pid = ForkChild();
    if (pid == 0)
    {
        BecomeChild(spec, argv);
    }
    return pid;
}

int
ExitCode(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::pair<int, std::string>
RunCapturingOutput(ChildSpec spec, const std::string& what)
{
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
    {
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    spec.outputFd = pipeFds[1];
    pid_t pid = StartChild(spec);
    if (pid < 0)
    {
        int e = errno;
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        throw std::runtime_error("cannot start " + what + ": " + std::strerror(e));
    }
    ::close(pipeFds[1]);
    std::string output;
    char buf[4096];
    while (true)
    {
        ssize_t n = ::read(pipeFds[0], buf, sizeof buf);
        if (n > 0)
        {
            output.append(buf, std::size_t(n));
        }
        else if (n == 0 || errno != EINTR)
        {
            break;
        }
    }
    ::close(pipeFds[0]);
    int status = 0;
    WaitForChild(pid, &status);
    return {ExitCode(status), output};
}

std::string
FindProgram(const std::string& program)
{
    auto executable = [](const std::string& file)
    {
        struct stat st;
        return ::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
               ::access(file.c_str(), X_OK) == 0;
    };
    if (program.find('/') != std::string::npos)
    {
        return executable(program) ? program : "";
    }
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size())
    {
        std::size_t colon = dirs.find(':', start);
        std::string d = dirs.substr(start, colon - start);
        std::string candidate = (d.empty() ? "." : d) + "/" + program;
        if (executable(candidate))
        {
            return candidate;
        }
        if (colon == std::string::npos)
        {
            break;
        }
        start = colon + 1;
    }
    return "";
}

} // namespace gcsim
