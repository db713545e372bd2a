################################################################################
#
# netstat-routers
#
################################################################################

# A local checkout; for a release use _VERSION, _SITE and a .hash file.
NETSTAT_ROUTERS_VERSION = local
NETSTAT_ROUTERS_SITE = $(BR2_EXTERNAL_NETSTAT_ROUTERS_PATH)/../../..
NETSTAT_ROUTERS_SITE_METHOD = local

ifeq ($(BR2_PACKAGE_NETSTAT_ROUTERS_BUSYBOX),y)

# The applet goes into BusyBox's tree after BusyBox's own patches; this
# package then builds and installs nothing itself.
BUSYBOX_PATCH_DEPENDENCIES += netstat-routers
define NETSTAT_ROUTERS_BUSYBOX_DROPIN
	HOSTCC="$(HOSTCC)" $(NETSTAT_ROUTERS_DIR)/tests/busybox/dropin.sh $(BUSYBOX_DIR)
endef
BUSYBOX_POST_PATCH_HOOKS += NETSTAT_ROUTERS_BUSYBOX_DROPIN

else

NETSTAT_ROUTERS_CONFIG_FILE = $(call qstrip,$(BR2_PACKAGE_NETSTAT_ROUTERS_CONFIG))

# Our Makefile with the target compiler: CC_TARGET replaces its musl-gcc,
# WARN drops -Werror (another compiler version may warn differently).
define NETSTAT_ROUTERS_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) CC_TARGET="$(TARGET_CC)" \
		WARN="-Wall -Wextra" \
		$(if $(NETSTAT_ROUTERS_CONFIG_FILE),CONFIG="$(NETSTAT_ROUTERS_CONFIG_FILE)") \
		OUT=netstat netstat
endef

# Replaces BusyBox's /bin/netstat link (and net-tools', if both are on).
define NETSTAT_ROUTERS_INSTALL_TARGET_CMDS
	$(INSTALL) -D -m 0755 $(@D)/netstat $(TARGET_DIR)/bin/netstat
endef

ifeq ($(BR2_PACKAGE_BUSYBOX),y)
NETSTAT_ROUTERS_DEPENDENCIES += busybox
endif

endif

$(eval $(generic-package))
