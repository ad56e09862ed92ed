namespace Tarjuma.Server.Security;

/// <summary>How the server treats calls without a key, decided from its addresses and the key store.</summary>
public enum SecurityMode
{
    /// <summary>Keys exist: every call (but health and reflection) needs one.</summary>
    RequireKeys,

    /// <summary>No keys, loopback only: open to this machine (developer mode).</summary>
    DeveloperOpen,

    /// <summary>No keys, reachable from the network, explicit opt-out: open to everyone.</summary>
    AnonymousOptOut,

    /// <summary>No keys, reachable from the network, no opt-out: the server must not run.</summary>
    Refuse,
}
