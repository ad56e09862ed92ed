namespace Tarjuma.Core.Security;

/// <summary>What a grant allows on a memory. Write includes read.</summary>
public enum MemoryAccess
{
    Read = 1,
    Write = 2,
}
