// `gcsim chat`: wire- and console-compatible with the classroom's Python programs, which the
// tests write out (python3, its socket module) and run against gcsim's server and client on
// loopback. Every step waits for the line that shows the other side is ready; the timeouts
// are only a safety net.
#include "scratch/gcsim/chat/chat-console.h"
#include "scratch/gcsim/output/text-format.h"
#include "test-utilities.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace gcsim::test
{
namespace
{

using Clock = std::chrono::steady_clock;
/// The longest any step may take before the test gives up on it.
constexpr auto kSafety = std::chrono::seconds(30);

const std::string kUp = "UDP server up and listening\n";
const std::string kPrompt = "Enter your message :";

// ---- The classroom's programs --------------------------------------------------------------

/// Standard input is a pipe here, not the classroom's terminal: each line read is shown after
/// its prompt as the terminal echoed it, and the end of input ends the program (the class
/// pressed Ctrl-C instead).
const char* kTerminal = R"(import builtins, socket, sys

if not sys.stdin.isatty():
    def input(prompt=""):
        try:
            line = builtins.input(prompt)
        except EOFError:
            print()
            sys.exit(0)
        print(line)
        return line

)";

/// The classroom's client N, the server's address and port passed in.
std::string
ClassroomClient(int n)
{
    return std::string(kTerminal) +
           R"(serverAddressPort = (sys.argv[1], int(sys.argv[2])); bufferSize = 1024
UDPClientSocket = socket.socket(family=socket.AF_INET, type=socket.SOCK_DGRAM)
while True:
    msgFromClient = input("Enter your message :")
    UDPClientSocket.sendto(str.encode(msgFromClient + ")" +
           std::to_string(n) + R"("), serverAddressPort)
    msgFromServer = UDPClientSocket.recvfrom(bufferSize)
    print("Message from Server :{}".format(msgFromServer[0].decode()))
)";
}

/// The classroom's server, its address and port passed in.
std::string
ClassroomServer()
{
    return std::string(kTerminal) +
           R"(localIP = sys.argv[1]; localPort = int(sys.argv[2]); bufferSize = 1024
UDPServerSocket = socket.socket(family=socket.AF_INET, type=socket.SOCK_DGRAM)
UDPServerSocket.bind((localIP, localPort))
print("UDP server up and listening")
while(True):
    message, address = UDPServerSocket.recvfrom(bufferSize)
    message = message.decode()
    print("Message from Client {}: {}".format(message[-1], message[:-1]))
    reply = input("Enter your message for client {}: ".format(message[-1]))
    UDPServerSocket.sendto(str.encode(reply), address)
)";
}

/// A client the classroom did not have: an empty datagram, then bytes that are not UTF-8
/// with client 1's number.
const char* kRawClient = R"(import socket, sys
serverAddressPort = (sys.argv[1], int(sys.argv[2])); bufferSize = 1024
UDPClientSocket = socket.socket(family=socket.AF_INET, type=socket.SOCK_DGRAM)
UDPClientSocket.sendto(b"", serverAddressPort)
UDPClientSocket.sendto(b"\xff\xfe\x80" + b"1", serverAddressPort)
msgFromServer = UDPClientSocket.recvfrom(bufferSize)
print("Message from Server :{}".format(msgFromServer[0].decode()))
)";

/// Python's own answer: each argument (hex bytes) decoded with errors="replace", as hex.
const char* kPythonReplace = R"(import sys
for case in sys.argv[1:]:
    print(bytes.fromhex(case).decode(errors="replace").encode().hex())
)";

// ---- Processes -----------------------------------------------------------------------------

/**
 * A program started with its standard input, output and error on pipes, killed if the test
 * ends first. The pipes are close-on-exec, so that no other child holds this one's input open.
 */
class ChatProcess
{
public:
    ChatProcess(const std::vector<std::string>& argv, const std::string& input,
                bool keepInputOpen = false)
    {
        int in[2], out[2], err[2];
        if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
            ::pipe2(err, O_CLOEXEC) != 0)
        {
            ADD_FAILURE() << "cannot create pipes: " << std::strerror(errno);
            return;
        }
        Spawn(argv, in[0], out[1], err[1]);
        ::close(in[0]);
        ::close(out[1]);
        ::close(err[1]);
        m_in = in[1];
        m_out = out[0];
        m_err = err[0];
        Write(input);
        if (!keepInputOpen)
        {
            CloseInput();
        }
    }

    ~ChatProcess()
    {
        if (m_pid > 0 && !m_reaped)
        {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        for (int fd : {m_in, m_out, m_err})
        {
            if (fd >= 0)
            {
                ::close(fd);
            }
        }
    }

    ChatProcess(const ChatProcess&) = delete;
    ChatProcess& operator=(const ChatProcess&) = delete;

    void Write(const std::string& text)
    {
        // A child that has ended must not end the test with SIGPIPE.
        struct sigaction ignore = {}, saved;
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &ignore, &saved);
        for (std::size_t at = 0; at < text.size() && m_in >= 0;)
        {
            ssize_t n = ::write(m_in, text.data() + at, text.size() - at);
            if (n <= 0 && errno != EINTR)
            {
                break;
            }
            at += n > 0 ? std::size_t(n) : 0;
        }
        ::sigaction(SIGPIPE, &saved, nullptr);
    }

    void CloseInput()
    {
        if (m_in >= 0)
        {
            ::close(m_in);
            m_in = -1;
        }
    }

    /// Whether standard output came to hold \p text (within kSafety).
    bool AwaitOutput(const std::string& text)
    {
        auto deadline = Clock::now() + kSafety;
        while (m_outText.find(text) == std::string::npos)
        {
            if (!ReadSome(deadline))
            {
                return false;
            }
        }
        return true;
    }

    /// The exit status (128 + a signal), once the output is read to its end; -1 if it did
    /// not end within kSafety (then it is killed).
    int Wait()
    {
        auto deadline = Clock::now() + kSafety;
        while (ReadSome(deadline))
        {
        }
        if (m_out >= 0 || m_err >= 0)
        {
            ::kill(m_pid, SIGKILL);
        }
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_reaped = true;
        bool ended = m_out < 0 && m_err < 0;
        return !ended ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    void Signal(int signal)
    {
        ::kill(m_pid, signal);
    }

    const std::string& Out() const
    {
        return m_outText;
    }

    const std::string& Err() const
    {
        return m_errText;
    }

private:
    void Spawn(const std::vector<std::string>& argv, int in, int out, int err)
    {
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_adddup2(&files, in, STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&files, out, STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&files, err, STDERR_FILENO);
        // The child starts with the default signal handling and nothing blocked.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t defaults, none;
        sigemptyset(&defaults);
        sigemptyset(&none);
        for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE})
        {
            sigaddset(&defaults, signal);
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        posix_spawnattr_setsigmask(&attributes, &none);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
        std::vector<std::string> args = argv;
        std::vector<char*> pointers;
        for (auto& a : args)
        {
            pointers.push_back(a.data());
        }
        pointers.push_back(nullptr);
        int failed =
            posix_spawnp(&m_pid, pointers[0], &files, &attributes, pointers.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        posix_spawnattr_destroy(&attributes);
        if (failed != 0)
        {
            m_pid = -1;
            m_reaped = true;
            ADD_FAILURE() << "cannot start " << argv[0] << ": " << std::strerror(failed);
        }
    }

    /// Reads what the pipes hold; false once both ended or \p deadline passed.
    bool ReadSome(Clock::time_point deadline)
    {
        std::vector<pollfd> polled;
        for (int fd : {m_out, m_err})
        {
            if (fd >= 0)
            {
                polled.push_back({fd, POLLIN, 0});
            }
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (polled.empty() || left.count() <= 0 ||
            ::poll(polled.data(), polled.size(), int(left.count())) <= 0)
        {
            return false;
        }
        for (const pollfd& p : polled)
        {
            if (p.revents != 0)
            {
                Drain(p.fd == m_out ? m_out : m_err, p.fd == m_out ? m_outText : m_errText);
            }
        }
        return true;
    }

    static void Drain(int& fd, std::string& text)
    {
        char buffer[65536];
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0)
        {
            text.append(buffer, std::size_t(n));
        }
        else if (n == 0 || errno != EINTR)
        {
            ::close(fd);
            fd = -1;
        }
    }

    pid_t m_pid{-1};
    bool m_reaped{false};
    int m_in{-1};
    int m_out{-1};
    int m_err{-1};
    std::string m_outText;
    std::string m_errText;
};

/// A UDP port free on loopback when asked (bound to port 0, then let go).
uint16_t
FreePort()
{
    int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
    ::close(fd);
    return ntohs(a.sin_port);
}

/// A UDP socket bound to a loopback port that never answers.
class SilentPort
{
public:
    SilentPort()
      : m_fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof a;
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &length);
        m_port = ntohs(a.sin_port);
    }
    ~SilentPort()
    {
        ::close(m_fd);
    }
    std::string Port() const
    {
        return std::to_string(m_port);
    }

private:
    int m_fd;
    uint16_t m_port{0};
};

/// The classroom programs written out, and the command lines that run them and gcsim.
class Classroom
{
public:
    explicit Classroom(std::vector<std::string> prefix = {})
      : m_prefix(std::move(prefix))
      , m_port(std::to_string(FreePort()))
    {
        for (int n = 1; n <= 3; ++n)
        {
            WriteFile(m_dir / ("client" + std::to_string(n) + ".py"), ClassroomClient(n));
        }
        WriteFile(m_dir / "server.py", ClassroomServer());
        WriteFile(m_dir / "raw-client.py", kRawClient);
    }

    /// `python3 -u FILE 127.0.0.1 PORT` (-u: each line reaches the pipe as printed).
    std::vector<std::string> Python(const std::string& file) const
    {
        return With({"python3", "-u", m_dir / file, "127.0.0.1", m_port});
    }

    /// `gcsim chat ARGS --port PORT`.
    std::vector<std::string> Gcsim(std::vector<std::string> args) const
    {
        args.insert(args.begin(), {GCSIM_BINARY, "chat"});
        args.insert(args.end(), {"--port", m_port});
        return With(args);
    }

    /// A transcript file holding \p text.
    std::string Transcript(const std::string& text) const
    {
        std::string path = m_dir / ("transcript-" + std::to_string(m_transcripts++) + ".txt");
        WriteFile(path, text);
        return path;
    }

private:
    std::vector<std::string> With(std::vector<std::string> args) const
    {
        args.insert(args.begin(), m_prefix.begin(), m_prefix.end());
        return args;
    }

    std::vector<std::string> m_prefix;
    ScratchFolder m_dir;
    std::string m_port;
    mutable int m_transcripts{0};
};

std::string
ClassroomTranscript()
{
    return SourcePath("scenarios/transcripts/classroom.txt");
}

/// The classroom server's console, as the class saw it.
const std::string kClassroomServerConsole = kUp + "Message from Client 1: Kya re?\n"
                                                  "Enter your message for client 1: Soja dost\n"
                                                  "Message from Client 2: Hello\n"
                                                  "Enter your message for client 2: Hello dost\n"
                                                  "Message from Client 3: Sojata hu mai\n"
                                                  "Enter your message for client 3: Haa Soja\n";

// ---- The tests -----------------------------------------------------------------------------

TEST(Chat, PythonClassroomClientsAgainstTheScriptedServer)
{
    Classroom room;
    ChatProcess server(
        room.Gcsim({"server", "--bind", "127.0.0.1", "--transcript", ClassroomTranscript()}), "");
    ASSERT_TRUE(server.AwaitOutput(kUp)) << server.Out() << server.Err();
    const std::vector<std::pair<std::string, std::string>> typed = {
        {"Kya re?", "Soja dost"}, {"Hello", "Hello dost"}, {"Sojata hu mai", "Haa Soja"}};
    for (int n = 1; n <= 3; ++n)
    {
        const auto& [message, reply] = typed[n - 1];
        ChatProcess client(room.Python("client" + std::to_string(n) + ".py"), message + "\n");
        EXPECT_EQ(client.Wait(), 0) << client.Err();
        EXPECT_EQ(client.Out(),
                  kPrompt + message + "\nMessage from Server :" + reply + "\n" + kPrompt + "\n");
        EXPECT_EQ(client.Err(), "");
    }
    // The scripted server ends once it has sent the transcript's last reply.
    EXPECT_EQ(server.Wait(), 0) << server.Err();
    EXPECT_EQ(server.Out(), kClassroomServerConsole);
    EXPECT_EQ(server.Err(), "");
}

TEST(Chat, ClientsAgainstThePythonServer)
{
    Classroom room;
    ChatProcess server(room.Python("server.py"), "Soja dost\nHello dost\nHaa Soja\n");
    ASSERT_TRUE(server.AwaitOutput(kUp)) << server.Out() << server.Err();
    const std::vector<std::pair<std::string, std::string>> typed = {
        {"Kya re?", "Soja dost"}, {"Hello", "Hello dost"}, {"Sojata hu mai", "Haa Soja"}};
    for (int n = 1; n <= 3; ++n)
    {
        const auto& [message, reply] = typed[n - 1];
        ChatProcess client(room.Gcsim({"client", std::to_string(n), "--transcript",
                                       ClassroomTranscript(), "--timeout", "30"}),
                           "");
        EXPECT_EQ(client.Wait(), 0) << client.Err();
        // Scripted: the prompt shows the transcript's line, then the client ends.
        EXPECT_EQ(client.Out(), kPrompt + message + "\nMessage from Server :" + reply + "\n");
        EXPECT_EQ(client.Err(), "");
    }
    ASSERT_TRUE(server.AwaitOutput("for client 3: Haa Soja\n")) << server.Out();
    server.Signal(SIGTERM); // the classroom server never ends by itself
    EXPECT_EQ(server.Wait(), 128 + SIGTERM);
    EXPECT_EQ(server.Out(), kClassroomServerConsole);
    EXPECT_EQ(server.Err(), "");
}

TEST(Chat, TypedLinesAnswerAndTheEndOfInputEndsTheServer)
{
    Classroom room;
    ChatProcess server(room.Gcsim({"server", "--bind", "127.0.0.1"}), "", true);
    ASSERT_TRUE(server.AwaitOutput(kUp));
    ChatProcess client1(room.Python("client1.py"), "Kya re?\n");
    ASSERT_TRUE(server.AwaitOutput("Enter your message for client 1: ")) << server.Out();
    server.Write("Soja dost\n");
    EXPECT_EQ(client1.Wait(), 0);
    EXPECT_EQ(client1.Out(),
              kPrompt + "Kya re?\nMessage from Server :Soja dost\n" + kPrompt + "\n");
    // Client 2's message arrives; the operator's input has ended: the server stops.
    server.CloseInput();
    ChatProcess client2(room.Python("client2.py"), "Hello\n");
    EXPECT_EQ(server.Wait(), 0);
    EXPECT_EQ(server.Out(), kUp + "Message from Client 1: Kya re?\n"
                                  "Enter your message for client 1: Soja dost\n"
                                  "Message from Client 2: Hello\n"
                                  "Enter your message for client 2: \n");
    EXPECT_EQ(server.Err(), "gcsim: chat server: end of input; client 2 is not answered\n");
}

TEST(Chat, AMessageAtThePythonBufferLimitArrivesWhole)
{
    Classroom room;
    const std::string limit(1023, 'x');    // with the client's number, the Python buffer's 1024
    const std::string largest(65506, 'y'); // with the number, the largest UDP datagram
    ChatProcess server(room.Gcsim({"server", "--bind", "127.0.0.1", "--transcript",
                                   room.Transcript("reply 1: ok\nreply 2: ok too\n")}),
                       "");
    ASSERT_TRUE(server.AwaitOutput(kUp));
    ChatProcess python(room.Python("client1.py"), limit + "\n");
    EXPECT_EQ(python.Wait(), 0);
    EXPECT_EQ(python.Out(), kPrompt + limit + "\nMessage from Server :ok\n" + kPrompt + "\n");
    ChatProcess gcsim(room.Gcsim({"client", "2", "--timeout", "30", "--transcript",
                                  room.Transcript("client 2: " + largest + "\n")}),
                      "");
    // The server's console holds more than a pipe does: read it while the client waits.
    EXPECT_TRUE(server.AwaitOutput("for client 2: ok too\n"));
    EXPECT_EQ(gcsim.Wait(), 0) << gcsim.Err();
    EXPECT_EQ(server.Wait(), 0);
    EXPECT_EQ(server.Out(), kUp + "Message from Client 1: " + limit +
                                "\nEnter your message for client 1: ok\n"
                                "Message from Client 2: " +
                                largest + "\nEnter your message for client 2: ok too\n");
}

TEST(Chat, TheClientsLargestMessageFitsThePythonBuffer)
{
    Classroom room;
    const std::string limit(1023, 'x');
    ChatProcess server(room.Python("server.py"), "ok\n");
    ASSERT_TRUE(server.AwaitOutput(kUp));
    ChatProcess client(room.Gcsim({"client", "1", "--timeout", "30", "--transcript",
                                   room.Transcript("client 1: " + limit + "\n")}),
                       "");
    EXPECT_EQ(client.Wait(), 0) << client.Err();
    EXPECT_EQ(client.Out(), kPrompt + limit + "\nMessage from Server :ok\n");
    ASSERT_TRUE(server.AwaitOutput("for client 1: ok\n"));
    EXPECT_EQ(server.Out(),
              kUp + "Message from Client 1: " + limit + "\nEnter your message for client 1: ok\n");
}

TEST(Chat, EmptyAndNonUtf8DatagramsNeitherCrashNorStopTheServer)
{
    Classroom room;
    ChatProcess server(room.Gcsim({"server", "--bind", "127.0.0.1", "--transcript",
                                   room.Transcript("reply 1: got it\nreply 2: Hello dost\n")}),
                       "");
    ASSERT_TRUE(server.AwaitOutput(kUp));
    ChatProcess raw(room.Python("raw-client.py"), "");
    EXPECT_EQ(raw.Wait(), 0) << raw.Err();
    EXPECT_EQ(raw.Out(), "Message from Server :got it\n");
    ChatProcess client2(room.Python("client2.py"), "Hello\n");
    EXPECT_EQ(client2.Wait(), 0);
    EXPECT_EQ(client2.Out(), kPrompt + "Hello\nMessage from Server :Hello dost\n" + kPrompt + "\n");
    EXPECT_EQ(server.Wait(), 0);
    const std::string replaced = "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"; // U+FFFD three times
    EXPECT_EQ(server.Out(), kUp + "Message from Client 1: " + replaced +
                                "\n"
                                "Enter your message for client 1: got it\n"
                                "Message from Client 2: Hello\n"
                                "Enter your message for client 2: Hello dost\n");
    EXPECT_EQ(server.Err().rfind("gcsim: chat server: an empty datagram from 127.0.0.1:", 0), 0u)
        << server.Err();
    EXPECT_NE(server.Err().find(" carries no client number; skipped\n"), std::string::npos);
}

TEST(Chat, InvalidUtf8IsReplacedAsPythonDoes)
{
    // Lone and truncated sequences, overlong forms, surrogates, beyond U+10FFFF, and good text.
    const std::vector<std::string> cases = {"fffe80",
                                            "e282",
                                            "e28241",
                                            "eda080",
                                            "f09f98",
                                            "c0af",
                                            "f4908080",
                                            "f08080",
                                            "61e08062",
                                            "e0a0",
                                            "f18080c0",
                                            "4b796120726521",
                                            "c3a9e282acf09f9880",
                                            "80",
                                            "ff",
                                            "e2",
                                            "f0",
                                            "c2",
                                            "61c3",
                                            "ed9fbf",
                                            "ee8080",
                                            "f48fbfbf"};
    std::vector<std::string> args = {"python3", "-c", kPythonReplace};
    args.insert(args.end(), cases.begin(), cases.end());
    ChatProcess python(args, "");
    ASSERT_EQ(python.Wait(), 0) << python.Err();
    std::istringstream answers(python.Out());
    auto hex = [](const std::string& bytes)
    {
        std::string text;
        char digits[3];
        for (unsigned char b : bytes)
        {
            std::snprintf(digits, sizeof digits, "%02x", b);
            text += digits;
        }
        return text;
    };
    for (const std::string& c : cases)
    {
        std::string bytes, answer;
        for (std::size_t i = 0; i < c.size(); i += 2)
        {
            bytes += static_cast<char>(std::stoi(c.substr(i, 2), nullptr, 16));
        }
        std::getline(answers, answer);
        EXPECT_EQ(hex(chat::ReplaceInvalidUtf8(bytes)), answer) << "bytes " << c;
    }
}

/**
 * A private network namespace whose loopback carries multicast (a route for 224.0.0.0/4) and
 * limited broadcast (a route for 255.255.255.255), removed with the object.
 */
class PrivateNetwork
{
public:
    PrivateNetwork()
      : m_name("gcsim-chat-" + std::to_string(::getpid()))
    {
        m_error = Ip({"netns", "add", m_name});
        m_created = m_error.empty();
        for (const std::vector<std::string>& setup :
             {std::vector<std::string>{"link", "set", "lo", "up"},
              {"link", "set", "lo", "multicast", "on"},
              {"route", "add", "224.0.0.0/4", "dev", "lo"},
              {"route", "add", "255.255.255.255/32", "dev", "lo"}})
        {
            if (m_error.empty())
            {
                std::vector<std::string> inside = {"netns", "exec", m_name, "ip"};
                inside.insert(inside.end(), setup.begin(), setup.end());
                m_error = Ip(inside);
            }
        }
    }
    ~PrivateNetwork()
    {
        if (m_created)
        {
            Ip({"netns", "del", m_name});
        }
    }
    /// What failed while setting it up ("" if nothing).
    const std::string& Error() const
    {
        return m_error;
    }
    /// The command-line prefix that runs a program inside.
    std::vector<std::string> Prefix() const
    {
        return {"ip", "netns", "exec", m_name};
    }

private:
    static std::string Ip(std::vector<std::string> args)
    {
        args.insert(args.begin(), "ip");
        ChatProcess ip(args, "");
        int status = ip.Wait();
        return status == 0 ? "" : Join(args, " ") + ": " + ip.Err();
    }

    std::string m_name;
    bool m_created{false};
    std::string m_error;
};

/// Two typing clients; client 1's one message answered to the group reaches both of them.
void
GroupAnswerReachesBothClients(const std::string& mode)
{
    PrivateNetwork network;
    if (!network.Error().empty())
    {
        GTEST_SKIP() << "cannot set up a network namespace: " << network.Error();
    }
    Classroom room(network.Prefix());
    std::string transcript = room.Transcript("reply 1: Soja dost\nreply 2: Hello dost\n");
    const std::vector<std::string> group = {"--mode", mode, "--group", "239.255.0.1:20002"};
    auto with = [&](std::vector<std::string> args)
    {
        args.insert(args.end(), group.begin(), group.end());
        return room.Gcsim(args);
    };
    ChatProcess server(with({"server", "--transcript", transcript}), "");
    ASSERT_TRUE(server.AwaitOutput(kUp)) << server.Err();
    // Each client listens on the group port before its prompt shows.
    ChatProcess client2(with({"client", "2", "--timeout", "30"}), "", true);
    ASSERT_TRUE(client2.AwaitOutput(kPrompt)) << client2.Err();
    ChatProcess client1(with({"client", "1", "--timeout", "30"}), "", true);
    ASSERT_TRUE(client1.AwaitOutput(kPrompt)) << client1.Err();
    client1.Write("Kya re?\n");
    const std::string reply1 = "Message from Server :Soja dost\n" + kPrompt;
    ASSERT_TRUE(client1.AwaitOutput(reply1)) << client1.Out() << client1.Err();
    ASSERT_TRUE(client2.AwaitOutput(reply1)) << client2.Out() << client2.Err();
    client1.CloseInput();
    EXPECT_EQ(client1.Wait(), 0);
    client2.Write("Hello\n");
    ASSERT_TRUE(client2.AwaitOutput("Message from Server :Hello dost\n" + kPrompt));
    client2.CloseInput();
    EXPECT_EQ(client2.Wait(), 0);
    EXPECT_EQ(server.Wait(), 0) << server.Err();

    EXPECT_EQ(client1.Out(), kPrompt + "Kya re?\n" + reply1 + "\n");
    // Client 2 was at its prompt when client 1's answer came: shown, and the prompt again.
    EXPECT_EQ(client2.Out(), kPrompt + "\n" + reply1 + "Hello\nMessage from Server :Hello dost\n" +
                                 kPrompt + "\n");
    EXPECT_EQ(server.Out(), kUp + "Message from Client 1: Kya re?\n"
                                  "Enter your message for client 1: Soja dost\n"
                                  "Message from Client 2: Hello\n"
                                  "Enter your message for client 2: Hello dost\n");
    EXPECT_EQ(client1.Err() + client2.Err() + server.Err(), "");
}

TEST(Chat, MulticastAnswerReachesBothClients)
{
    if (::geteuid() != 0)
    {
        GTEST_SKIP() << "needs root, to make a network namespace whose loopback carries "
                        "multicast (ip netns add)";
    }
    GroupAnswerReachesBothClients("multicast");
}

TEST(Chat, BroadcastAnswerReachesBothClients)
{
    if (::geteuid() != 0)
    {
        GTEST_SKIP() << "needs root, to make a network namespace whose loopback carries "
                        "broadcast (ip netns add)";
    }
    GroupAnswerReachesBothClients("broadcast");
}

TEST(Chat, ClientWaitsForAReplyOnlyAsLongAsItsTimeout)
{
    SilentPort silent;
    ChatProcess client({GCSIM_BINARY, "chat", "client", "1", "--port", silent.Port(), "--timeout",
                        "0.2", "--transcript", ClassroomTranscript()},
                       "");
    EXPECT_EQ(client.Wait(), 1);
    EXPECT_EQ(client.Out(), kPrompt + "Kya re?\n");
    EXPECT_EQ(client.Err(), "gcsim: error: no reply from the server at 127.0.0.1:" + silent.Port() +
                                " within 0.2 s\n");
}

TEST(Chat, SignalsEndTheServerCleanly)
{
    Classroom room;
    ChatProcess idle(room.Gcsim({"server", "--bind", "127.0.0.1"}), "", true);
    ASSERT_TRUE(idle.AwaitOutput(kUp));
    idle.Signal(SIGTERM);
    EXPECT_EQ(idle.Wait(), 128 + SIGTERM);
    EXPECT_EQ(idle.Out(), kUp);
    EXPECT_EQ(idle.Err(), "gcsim: chat server stopped by SIGTERM\n");

    // At the prompt: its line ended, then the same way out.
    ChatProcess prompting(room.Gcsim({"server", "--bind", "127.0.0.1"}), "", true);
    ASSERT_TRUE(prompting.AwaitOutput(kUp));
    ChatProcess client(room.Python("client1.py"), "Kya re?\n");
    ASSERT_TRUE(prompting.AwaitOutput("Enter your message for client 1: "));
    prompting.Signal(SIGINT);
    EXPECT_EQ(prompting.Wait(), 128 + SIGINT);
    EXPECT_EQ(prompting.Out(), kUp + "Message from Client 1: Kya re?\n"
                                     "Enter your message for client 1: \n");
    EXPECT_EQ(prompting.Err(), "gcsim: chat server stopped by SIGINT\n");
}

TEST(Chat, BadOptionsExitTwoWithAMessage)
{
    ScratchFolder dir;
    WriteFile(dir / "no-replies.txt", "client 1: Kya re?\n");
    WriteFile(dir / "client-12.txt", "client 12: Hello\nreply 12: Hello dost\n");
    const std::string oneCharacter = "the classroom wire carries the client number as one "
                                     "character, so clients are 1 to 9";
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"client", "0"}, "client number '0': " + oneCharacter},
        {{"client", "10"}, "client number '10': " + oneCharacter},
        {{"client", "x"}, "client number 'x': " + oneCharacter},
        {{"server", "--transcript", dir / "client-12.txt"}, "client 12: " + oneCharacter},
        {{"server", "--mode", "anycast"}, "--mode: anycast not in {unicast,multicast,broadcast}"},
        {{"server", "--port", "0"}, "--port: Value 0 not in range 1 to 65535"},
        {{"server", "--group", "10.0.0.1"}, "--group 10.0.0.1: not a multicast address"},
        {{"server", "--group", "239.255.0.1:70000"}, "the port must be 1 to 65535"},
        {{"server", "--bind", "localhost"}, "--bind localhost: not an IPv4 address"},
        {{"server", "--transcript", dir / "none.txt"}, "cannot read transcript file"},
        {{"server", "--transcript", dir / "no-replies.txt"}, "no 'reply N: text' line"},
        {{"client", "4", "--transcript", ClassroomTranscript()}, "no 'client 4: text' line"},
        {{"client", "1", "--server", "nowhere"}, "--server nowhere: not an IPv4 address"},
        {{"client", "1", "--timeout", "0"}, "--timeout 0: seconds above 0"},
        {{"client", "1", "--timeout", "soon"}, "--timeout soon: seconds above 0"},
    };
    for (const auto& [args, message] : cases)
    {
        std::vector<std::string> command = {"chat"};
        command.insert(command.end(), args.begin(), args.end());
        CommandResult r = RunCommand(command);
        EXPECT_EQ(r.status, 2) << Join(args, " ");
        EXPECT_NE(r.err.find(message), std::string::npos) << Join(args, " ") << ": " << r.err;
        EXPECT_EQ(r.out, "") << Join(args, " ");
    }
}

TEST(Chat, APortInUseIsBadInput)
{
    SilentPort taken;
    CommandResult r = RunCommand({"chat", "server", "--bind", "127.0.0.1", "--port", taken.Port()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "gcsim: error: --bind 127.0.0.1 --port " + taken.Port() +
                         ": cannot bind 127.0.0.1:" + taken.Port() + ": Address already in use\n");
    EXPECT_EQ(r.out, "");
}

} // namespace
} // namespace gcsim::test
