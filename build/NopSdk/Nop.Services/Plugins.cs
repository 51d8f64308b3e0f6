using System.Reflection;
using Newtonsoft.Json;
using Nop.Core.Domain.Customers;

namespace Nop.Services
{
    public abstract partial class BaseNopResult
    {
        public bool Success => !Errors.Any();

        public virtual void AddError(string error)
        {
            Errors.Add(error);
        }

        public IList<string> Errors { get; set; } = new List<string>();
    }
}

namespace Nop.Services.Plugins
{
    public partial interface IPlugin
    {
        string GetConfigurationPageUrl();

        PluginDescriptor PluginDescriptor { get; set; }

        Task InstallAsync();

        Task InstallSampleDataAsync();

        Task UninstallAsync();

        Task UpdateAsync(string currentVersion, string targetVersion);

        Task PreparePluginToUninstallAsync();
    }

    public abstract partial class BasePlugin : IPlugin
    {
        public virtual string GetConfigurationPageUrl()
        {
            return null;
        }

        public virtual PluginDescriptor PluginDescriptor { get; set; }

        public virtual Task InstallAsync()
        {
            return Task.CompletedTask;
        }

        public virtual Task InstallSampleDataAsync()
        {
            return Task.CompletedTask;
        }

        public virtual Task UninstallAsync()
        {
            return Task.CompletedTask;
        }

        public virtual Task UpdateAsync(string currentVersion, string targetVersion)
        {
            return Task.CompletedTask;
        }

        public virtual Task PreparePluginToUninstallAsync()
        {
            return Task.CompletedTask;
        }
    }

    public partial interface IDescriptor
    {
        string SystemName { get; set; }

        string FriendlyName { get; set; }
    }

    public partial class PluginDescriptorBaseInfo : IComparable<PluginDescriptorBaseInfo>
    {
        public virtual string SystemName { get; set; }

        public virtual string Version { get; set; }

        public int CompareTo(PluginDescriptorBaseInfo other)
        {
            return string.Compare(SystemName, other?.SystemName, StringComparison.InvariantCultureIgnoreCase);
        }

        public override bool Equals(object value)
        {
            return SystemName?.Equals((value as PluginDescriptorBaseInfo)?.SystemName) ?? false;
        }

        public override int GetHashCode()
        {
            return SystemName?.GetHashCode() ?? 0;
        }

        [JsonIgnore]
        public virtual PluginDescriptorBaseInfo GetBaseInfoCopy => new() { SystemName = SystemName, Version = Version };
    }

    public partial class PluginDescriptor : PluginDescriptorBaseInfo, IDescriptor, IComparable<PluginDescriptor>
    {
        public PluginDescriptor()
        {
            SupportedVersions = new List<string>();
            LimitedToStores = new List<int>();
            LimitedToCustomerRoles = new List<int>();
            DependsOn = new List<string>();
        }

        public static PluginDescriptor GetPluginDescriptorFromText(string text)
        {
            if (string.IsNullOrEmpty(text))
                return new PluginDescriptor();

            var descriptor = JsonConvert.DeserializeObject<PluginDescriptor>(text);
            if (!descriptor.SupportedVersions.Any())
                descriptor.SupportedVersions.Add("2.00");

            return descriptor;
        }

        public virtual TPlugin Instance<TPlugin>() where TPlugin : class, IPlugin
        {
            throw new NotImplementedException("Facade: nopCommerce resolves plugin instances through its engine.");
        }

        public int CompareTo(PluginDescriptor other)
        {
            if (DisplayOrder != other.DisplayOrder)
                return DisplayOrder.CompareTo(other.DisplayOrder);

            return string.Compare(FriendlyName, other.FriendlyName, StringComparison.InvariantCultureIgnoreCase);
        }

        public override string ToString()
        {
            return FriendlyName;
        }

        public virtual void Save()
        {
            throw new NotImplementedException("Facade: nopCommerce writes plugin.json itself.");
        }

        [JsonProperty(PropertyName = "Group")]
        public virtual string Group { get; set; }

        [JsonProperty(PropertyName = "FriendlyName")]
        public virtual string FriendlyName { get; set; }

        [JsonProperty(PropertyName = "SupportedVersions")]
        public virtual IList<string> SupportedVersions { get; set; }

        [JsonProperty(PropertyName = "Author")]
        public virtual string Author { get; set; }

        [JsonProperty(PropertyName = "DisplayOrder")]
        public virtual int DisplayOrder { get; set; }

        [JsonProperty(PropertyName = "FileName")]
        public virtual string AssemblyFileName { get; set; }

        [JsonProperty(PropertyName = "Description")]
        public virtual string Description { get; set; }

        [JsonProperty(PropertyName = "LimitedToStores")]
        public virtual IList<int> LimitedToStores { get; set; }

        [JsonProperty(PropertyName = "LimitedToCustomerRoles")]
        public virtual IList<int> LimitedToCustomerRoles { get; set; }

        [JsonProperty(PropertyName = "DependsOnSystemNames")]
        public virtual IList<string> DependsOn { get; set; }

        [JsonIgnore]
        public virtual bool Installed { get; set; }

        [JsonIgnore]
        public virtual Type PluginType { get; set; }

        [JsonIgnore]
        public virtual string OriginalAssemblyFile { get; set; }

        [JsonIgnore]
        public virtual IList<string> PluginFiles { get; set; }

        [JsonIgnore]
        public virtual Assembly ReferencedAssembly { get; set; }

        [JsonIgnore]
        public virtual bool ShowInPluginsList { get; set; } = true;
    }

    public partial interface IPluginManager<TPlugin> where TPlugin : class, IPlugin
    {
        Task<IList<TPlugin>> LoadAllPluginsAsync(Customer customer = null, int storeId = 0);

        Task<TPlugin> LoadPluginBySystemNameAsync(string systemName, Customer customer = null, int storeId = 0);

        Task<IList<TPlugin>> LoadActivePluginsAsync(List<string> systemNames, Customer customer = null, int storeId = 0);

        bool IsPluginActive(TPlugin plugin, List<string> systemNames);

        Task<string> GetPluginLogoUrlAsync(TPlugin plugin);
    }
}
