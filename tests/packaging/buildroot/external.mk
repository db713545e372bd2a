include $(sort $(wildcard $(BR2_EXTERNAL_NETSTAT_ROUTERS_PATH)/package/*/*.mk))
