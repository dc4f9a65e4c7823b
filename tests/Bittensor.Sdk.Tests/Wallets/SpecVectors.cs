namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>The key and keyfile vectors of the off-chain spec (§1.6, §1.8), in one place.</summary>
internal static class SpecVectors
{
    public const string Mnemonic = "old leopard transfer rib spatial phone calm indicate online fire caution review";

    /// <summary>The mnemonic's Substrate mini-secret: the Ed25519 seed.</summary>
    public const string MiniSecret = "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143";

    /// <summary>The mnemonic's Ed25519 address with SS58 prefix 0 (the SDK's test).</summary>
    public const string Ed25519AddressFormat0 = "16dYRUXznyhvWHS1ktUENGfNAEjCawyDzHRtN9AdFnJRc38h";

    public const string Sr25519PublicKey = "0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446";

    public const string Sr25519PrivateKey = "0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e";

    public const string Sr25519Address = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";

    /// <summary>The full keyfile JSON of the sr25519 key: 564 bytes with this SHA-256.</summary>
    public const string FullKeyfileSha256 = "fef2f185fe03040d322dc1a77357d756d68293a6f77f8289ecaaa1c8f334fcfb";

    /// <summary>The matching coldkeypub.txt: 295 bytes with this SHA-256.</summary>
    public const string PublicKeyfileSha256 = "0e9ce794e2bd3c39ed06f727ef6be52b2db61aae012e48f7cf734b9a8cd2beeb";

    public const string LegacyPublicKey = "0x32939b6abc4d81f02dff04d2b8d1d01cc8e71c5e4c7492e4fa6a238cdca3512f";

    public const string LegacyAddress = "5DD26kC2kxajmwfbbZmVmxhrY9VeeyR1Gpzy9i8wxLUg6zxm";

    public const string NaclPassword = "thisisafakepassword";

    public const string NaclKey = "a17c46ecafdd501ecb1da0651d35abfecf60df14bffa8e949f58aaecd75cb3c8";

    /// <summary>The whole $NACL file of <c>{"a": 1}</c> under <see cref="NaclKey"/> with nonce 00..17.</summary>
    public const string NaclSmallFile = "244e41434c000102030405060708090a0b0c0d0e0f1011121314151617e882f777d11c3970cee7012666c031d7a818892e9cc4d206";

    public const string NaclFullFileMac = "851d892478bdfb0ed0c7c02c980a661e";

    public const string NaclFullFileSha256 = "f509ef3bf3d3024c5eadf057cee1a90255fd5ca52d512f160762305bb57f0093";

    /// <summary>The §1.8 sr25519 keyfile's fields, every value written out.</summary>
    public static Bittensor.Sdk.Wallets.KeyfileFields Sr25519Fields => new()
    {
        AccountId = Sr25519PublicKey,
        PublicKey = Sr25519PublicKey,
        PrivateKey = Sr25519PrivateKey,
        SecretPhrase = Mnemonic,
        SecretSeed = MiniSecret,
        Ss58Address = Sr25519Address,
    };
}
