namespace Bittensor.Sdk.Wallets;

/// <summary>How a keyfile's bytes are stored, told apart by their first bytes (spec §1.6).</summary>
public enum KeyfileFormat
{
    /// <summary>Unencrypted JSON (or a legacy <c>0x</c> public key).</summary>
    Plaintext = 0,

    /// <summary><c>$NACL</c>: Argon2i key, XSalsa20-Poly1305 secret box. What new encrypted keyfiles use.</summary>
    Nacl = 1,

    /// <summary><c>$ANSIBLE_VAULT</c>: Ansible Vault 1.1/1.2 AES256, written by 2022-era wallets. Read only.</summary>
    AnsibleVault = 2,

    /// <summary><c>gAAAAA</c>: a Fernet token, written by the oldest wallets. Read only.</summary>
    LegacyFernet = 3,
}
