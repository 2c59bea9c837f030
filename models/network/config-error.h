#ifndef GCSIM_CONFIG_ERROR_H
#define GCSIM_CONFIG_ERROR_H

#include <stdexcept>
#include <string>

namespace ns3
{
namespace gcsim
{

/**
 * \brief A configuration a model cannot build: which field ("topology.routers") and why.
 *
 * what() is "FIELD: REASON", as the models' messages always read; code that checks a
 * configuration before building it catches the two parts apart instead of splitting the text.
 */
class ConfigError : public std::invalid_argument
{
public:
    ConfigError(const std::string& field, const std::string& reason)
      : std::invalid_argument(field + ": " + reason)
      , m_field(field)
      , m_reason(reason)
    {
    }

    /// The configuration field, as the scenario names it ("topology.access_routers").
    const std::string& Field() const
    {
        return m_field;
    }

    /// What is wrong with it, and what is accepted.
    const std::string& Reason() const
    {
        return m_reason;
    }

private:
    std::string m_field;
    std::string m_reason;
};

} // namespace gcsim
} // namespace ns3

#endif
