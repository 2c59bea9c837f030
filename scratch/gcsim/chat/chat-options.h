#ifndef GCSIM_CHAT_OPTIONS_H
#define GCSIM_CHAT_OPTIONS_H

// `gcsim chat server` and `gcsim chat client N`: the options as typed, and what they resolve
// to once every one is checked (InputError), before any socket is opened.

#include "chat-socket.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gcsim
{
namespace chat
{

/// Where the server sends its answer.
enum class AnswerMode
{
    UNICAST,   //!< back to the sender, as the classroom server did
    MULTICAST, //!< to the group address and port: every client that joined gets it
    BROADCAST, //!< to the broadcast address at the group port: every client listening gets it
};

/// The options of `gcsim chat`, as the command line sets them.
struct ChatOptions
{
    std::string client;              //!< N of `chat client N`, as typed
    std::string server{"127.0.0.1"}; //!< the client sends there
    int port{20001};                 //!< the server's port
    std::string bind;                //!< "": the server 0.0.0.0, a client the kernel's choice
    std::string mode{"unicast"};     //!< unicast, multicast or broadcast
    std::string group{"239.255.0.1:20002"};
    std::string broadcast{"255.255.255.255"};
    std::string transcript; //!< "": typed on standard input
    std::string timeout;    //!< seconds a client waits for a reply; "": forever
};

/// What `gcsim chat server` does.
struct ServerSetup
{
    AnswerMode mode{AnswerMode::UNICAST};
    Endpoint listen;    //!< --bind and --port
    Endpoint group;     //!< multicast answers go there
    Endpoint broadcast; //!< broadcast answers go there (the group's port)
    bool scripted{false};
    /// Scripted: the replies to each client in order, by the character it appends.
    std::map<char, std::vector<std::string>> replies;
};

/// What `gcsim chat client N` does.
struct ClientSetup
{
    AnswerMode mode{AnswerMode::UNICAST};
    char tag{'1'}; //!< the character it appends: '0' + N
    Endpoint server;
    std::optional<in_addr> bind;
    Endpoint group;
    bool scripted{false};
    std::vector<std::string> messages; //!< scripted: its "client N:" lines in order
    std::optional<std::chrono::steady_clock::duration> timeout;
    std::string timeoutText; //!< as typed, for the message when it expires
};

ServerSetup ResolveServer(const ChatOptions& options);
ClientSetup ResolveClient(const ChatOptions& options);

} // namespace chat
} // namespace gcsim

#endif
