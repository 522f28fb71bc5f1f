/* Prints the size and offset of every netsnmp struct field the binding maps, one "name value" per line.
   Built and compared with Layout.java by LayoutTest when gcc and the Net-SNMP headers (libsnmp-dev) are present. */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <stddef.h>
#include <stdio.h>
#define S(n, t) printf("%s %zu\n", n, sizeof(t))
#define O(n, t, f) printf("%s %zu\n", n, offsetof(t, f))
int main(void) {
  S("SESSION_SIZE", netsnmp_session);
  O("S_VERSION", netsnmp_session, version);
  O("S_RETRIES", netsnmp_session, retries);
  O("S_TIMEOUT", netsnmp_session, timeout);
  O("S_FLAGS", netsnmp_session, flags);
  O("S_PEERNAME", netsnmp_session, peername);
  O("S_SNMP_ERRNO", netsnmp_session, s_snmp_errno);
  O("S_COMMUNITY", netsnmp_session, community);
  O("S_COMMUNITY_LEN", netsnmp_session, community_len);
  O("S_RCV_MSG_MAX_SIZE", netsnmp_session, rcvMsgMaxSize);
  O("S_SEC_ENGINE_ID", netsnmp_session, securityEngineID);
  O("S_SEC_ENGINE_ID_LEN", netsnmp_session, securityEngineIDLen);
  O("S_SEC_NAME", netsnmp_session, securityName);
  O("S_SEC_NAME_LEN", netsnmp_session, securityNameLen);
  O("S_AUTH_PROTO", netsnmp_session, securityAuthProto);
  O("S_AUTH_PROTO_LEN", netsnmp_session, securityAuthProtoLen);
  O("S_AUTH_KEY", netsnmp_session, securityAuthKey);
  O("S_AUTH_KEY_LEN", netsnmp_session, securityAuthKeyLen);
  O("S_PRIV_PROTO", netsnmp_session, securityPrivProto);
  O("S_PRIV_PROTO_LEN", netsnmp_session, securityPrivProtoLen);
  O("S_PRIV_KEY", netsnmp_session, securityPrivKey);
  O("S_PRIV_KEY_LEN", netsnmp_session, securityPrivKeyLen);
  O("S_SEC_MODEL", netsnmp_session, securityModel);
  O("S_SEC_LEVEL", netsnmp_session, securityLevel);
  printf("KU_LEN %d\n", USM_AUTH_KU_LEN);
  printf("FLAG_USER_CREATED %d\n", SNMP_FLAGS_USER_CREATED);
  O("PDU_COMMAND", netsnmp_pdu, command);
  O("PDU_ERRSTAT", netsnmp_pdu, errstat);
  O("PDU_ERRINDEX", netsnmp_pdu, errindex);
  O("PDU_VARIABLES", netsnmp_pdu, variables);
  O("V_NEXT", netsnmp_variable_list, next_variable);
  O("V_NAME", netsnmp_variable_list, name);
  O("V_NAME_LEN", netsnmp_variable_list, name_length);
  O("V_TYPE", netsnmp_variable_list, type);
  O("V_VAL", netsnmp_variable_list, val);
  O("V_VAL_LEN", netsnmp_variable_list, val_len);
  printf("MAX_OID_LEN %d\n", MAX_OID_LEN);
  S("LARGE_FD_SET_SIZE", netsnmp_large_fd_set);
  S("TIMEVAL_SIZE", struct timeval);
  return 0;
}
